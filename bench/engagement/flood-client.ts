import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

/**
 * The load generator of the `engagement` benchmark, in its own process (so that its CPU is not the
 * measuring process's event loop): autocannon POSTing `askQuestion` with a client address in
 * X-Forwarded-For, either one address (a flood) or rotating over many (citizens). Prints `STARTED`,
 * then one line `RESULT <json>` when done.
 *
 * argv[2]: JSON { port, hosts, addresses: string[] | number (that many generated addresses),
 *                 connections, amount?, duration?, overallRate?, query }
 */
interface Options {
  port: number;
  hosts: string[];
  addresses: string[] | number;
  connections: number;
  amount?: number;
  duration?: number;
  overallRate?: number;
  query: string;
}

const opts = JSON.parse(process.argv[2]) as Options;
const addressOf = (i: number) => {
  if (Array.isArray(opts.addresses)) return opts.addresses[i % opts.addresses.length];
  const j = i % opts.addresses;
  return `10.${j >> 16}.${(j >> 8) & 255}.${j & 255}`;
};

let n = 0;
const bodyOf = (i: number) =>
  JSON.stringify({
    query: opts.query,
    variables: {
      i: {
        type: 'QUESTION',
        name: 'Nguyễn Văn An',
        email: `nguoi${i}@example.vn`,
        topic: 'Đất đai',
        text: `Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất, lần ${i}.`,
        proof: { website: '' },
      },
    },
  });

/**
 * A paced flood sent evenly (every 5 ms, on at most `connections` keep-alive sockets): autocannon's
 * own rate sends each second's requests in one burst, which measures the burst, not the rate.
 */
function paced(rate: number, amount: number): void {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const started = performance.now();
  const times: number[] = [];
  const codes: Record<string, number> = {};
  let sent = 0;
  let answered = 0;
  let errors = 0;
  const finish = () => {
    times.sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `RESULT ${JSON.stringify({
        requests: answered / seconds,
        total: answered,
        sent,
        p50: Math.round(times[Math.floor(times.length / 2)] ?? 0),
        p99: Math.round(times[Math.floor(times.length * 0.99)] ?? 0),
        non2xx: answered - (codes['200'] ?? 0),
        ok: codes['200'] ?? 0,
        errors,
        timeouts: 0,
        statusCodes: codes,
        seconds,
      })}\n`,
    );
    process.exit(0);
  };
  const one = () => {
    const i = n++;
    sent++;
    const t0 = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port: opts.port,
        method: 'POST',
        path: '/graphql',
        agent,
        headers: {
          host: opts.hosts[i % opts.hosts.length],
          'content-type': 'application/json',
          'x-forwarded-for': addressOf(i),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          codes[String(res.statusCode)] = (codes[String(res.statusCode)] ?? 0) + 1;
          times.push(performance.now() - t0);
          if (++answered + errors === amount) finish();
        });
      },
    );
    req.on('error', () => {
      if (answered + ++errors === amount) finish();
    });
    req.end(bodyOf(i));
  };
  process.stdout.write('STARTED\n');
  const timer = setInterval(() => {
    const due = Math.min(amount, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) one();
    if (sent >= amount) clearInterval(timer);
  }, 5);
}

if (opts.overallRate && opts.amount) paced(opts.overallRate, opts.amount);
else run();

function run(): void {
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${opts.port}`,
      connections: opts.connections,
      ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
      ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          setupRequest: (req: autocannon.Request) => {
            const i = n++;
            return {
              ...req,
              headers: {
                host: opts.hosts[i % opts.hosts.length],
                'content-type': 'application/json',
                'x-forwarded-for': addressOf(i),
              },
              body: bodyOf(i),
            };
          },
        },
      ],
    },
    (err, result) => {
      if (err) {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      }
      process.stdout.write(
        `RESULT ${JSON.stringify({
          requests: result.requests.average,
          total: result.requests.total,
          sent: (result.requests as unknown as { sent: number }).sent,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          ok: result['2xx'],
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]),
          ),
          seconds: result.duration,
        })}\n`,
      );
      process.exit(0);
    },
  );
  instance.on('start', () => process.stdout.write('STARTED\n'));
}
