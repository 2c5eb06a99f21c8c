import type { DataSource } from 'typeorm';
import { systemContext } from '../context/system-context';
import { UnscopedReads } from './unscoped-reads.repository';

describe('UnscopedReads', () => {
  // Only the arguments are checked here; the reads themselves run in the e2e suites (reports,
  // sessions, calendars) against PostgreSQL.
  const reads = new UnscopedReads({} as DataSource);
  const ctx = systemContext('spec');

  it('names the reach and keeps the reason on the reader', () => {
    const across = reads.acrossPortals(ctx, ['a'], "a report's portals");
    expect([across.reach, across.reason, across.ctx]).toEqual(['PORTALS', "a report's portals", ctx]);
    expect(reads.systemWide(ctx, 'accounts belong to no portal').reach).toBe('SYSTEM');
    expect(reads.publicly(ctx, 'calendars are public').reach).toBe('PUBLIC');
  });

  it('refuses a read that does not say why', () => {
    expect(() => reads.systemWide(ctx, '')).toThrow('An unscoped read (SYSTEM) must say why');
    expect(() => reads.publicly(ctx, '   ')).toThrow('An unscoped read (PUBLIC) must say why');
    expect(() => reads.acrossPortals(ctx, ['a'], '')).toThrow('An unscoped read (PORTALS) must say why');
  });

  it('refuses a cross-portal read without the portals it reaches', () => {
    expect(() => reads.acrossPortals(ctx, undefined as never, 'a report')).toThrow(
      'acrossPortals needs the authorised portal ids',
    );
  });
});
