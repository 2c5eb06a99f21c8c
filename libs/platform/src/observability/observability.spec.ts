import { loadAppConfig } from '../config/app-config';
import { AddressAllowList } from './address-allow-list';
import { LabelBudget } from './label-budget';
import { PinoNestLogger } from './nest-pino-logger';
import { createPlatformLogger } from './platform-logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: string[] = [];
  const config = {
    ...loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: level }),
    logDestination: { write: (line: string) => lines.push(line) },
  };
  const logger = createPlatformLogger(config);
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('AddressAllowList', () => {
  const list = new AddressAllowList(['127.0.0.0/8', '::1/128', '10.20.0.0/16', '192.0.2.5'], 'METRICS_ALLOW');

  it('matches IPv4, IPv4-mapped IPv6 and IPv6 networks and single hosts', () => {
    expect(list.allows('127.0.0.1')).toBe(true);
    expect(list.allows('::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('::1')).toBe(true);
    expect(list.allows('10.20.3.4')).toBe(true);
    expect(list.allows('192.0.2.5')).toBe(true);
    expect(list.allows('192.0.2.6')).toBe(false);
    expect(list.allows('10.21.0.1')).toBe(false);
    expect(list.allows('not-an-address')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('refuses a malformed entry naming the setting', () => {
    expect(() => new AddressAllowList(['10.0.0.0/33'], 'METRICS_ALLOW')).toThrow(/METRICS_ALLOW/);
    expect(() => new AddressAllowList(['localhost'], 'METRICS_ALLOW')).toThrow(/METRICS_ALLOW/);
  });

  it('allows nobody when empty (METRICS_ALLOW=none)', () => {
    expect(loadAppConfig({ NODE_ENV: 'test', METRICS_ALLOW: 'none' }).metricsAllow).toEqual([]);
    expect(new AddressAllowList([], 'METRICS_ALLOW').allows('127.0.0.1')).toBe(false);
  });
});

describe('LabelBudget', () => {
  it('keeps known values and turns the rest into other', () => {
    const budget = new LabelBudget(2);
    expect(budget.label('A')).toBe('A');
    expect(budget.label('B')).toBe('B');
    expect(budget.label('C')).toBe('other');
    expect(budget.label('A')).toBe('A');
    expect(new LabelBudget(5).label('bad "label"\n')).toBe('other');
  });
});

describe('platform logger', () => {
  it('redacts credentials and variables in logged objects, and bearer tokens in messages', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'pw-top',
        input: { password: 'pw-nested', refreshToken: 'rt-1' },
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' } },
        variables: { p: 'pw-variable' },
      },
      'login',
    );
    new PinoNestLogger(logger).warn(
      'rejected Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      'Auth',
    );
    const all = lines.join('');
    for (const secret of ['pw-top', 'pw-nested', 'rt-1', 'abc.def.ghi', 'sid=1', 'pw-variable', 'eyJhbGci'])
      expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
  });

  it("gives Nest's messages their context, stack and level, and respects LOG_LEVEL", () => {
    const { logger, parsed } = capture('warn');
    const nest = new PinoNestLogger(logger);
    nest.log('not at warn', 'Boot');
    nest.warn('slow start', 'Boot');
    nest.error('job failed', 'Error: boom\n    at work (job.ts:1:1)', 'Jobs');
    nest.error(new Error('thrown'));
    expect(parsed()).toEqual([
      expect.objectContaining({ level: 'warn', context: 'Boot', msg: 'slow start' }),
      expect.objectContaining({
        level: 'error',
        context: 'Jobs',
        msg: 'job failed',
        stack: expect.stringContaining('at work'),
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'thrown',
        err: expect.objectContaining({ message: 'thrown' }),
      }),
    ]);
  });
});
