import { startupHints } from './startup-hints';

describe('start-up hints', () => {
  it('send a browser to a portal home page, and programs to POST /graphql', () => {
    const hints = startupHints({ port: 3000, devHostSuffix: 'localhost' }, true);
    expect(hints).toEqual([
      'in a browser: http://hochiminhcity.localhost:3000/ (the city portal)',
      expect.stringMatching(
        /^GraphQL API: POST http:\/\/localhost:3000\/graphql with Content-Type: application\/json/,
      ),
    ]);
    // No line offers /graphql as something to open in a browser.
    for (const line of hints) expect(line).not.toMatch(/browser.*\/graphql/);
  });

  it('leave out the browser address without development hosts or without the demo city', () => {
    expect(startupHints({ port: 8080, devHostSuffix: '' }, true)).toHaveLength(1);
    expect(startupHints({ port: 8080, devHostSuffix: 'localhost' }, false)).toHaveLength(1);
  });
});
