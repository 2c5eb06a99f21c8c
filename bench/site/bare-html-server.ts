import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * The yardstick of the site benchmark: a bare node:http server answering each host's home page
 * HTML (the bytes the api sent) from a Map keyed by Host, with nothing else. Run as its own process.
 */
const bodies = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8')) as Record<string, string>).map(
    ([h, b]) => [h, Buffer.from(b)],
  ),
);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = bodies.get(String(req.headers.host).toLowerCase());
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'public, max-age=60',
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`READY ${(server.address() as { port: number }).port}\n`),
);
