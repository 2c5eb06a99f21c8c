import { Logger } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import {
  allowReplicaReads,
  newReadScope,
  readFromPrimary,
  replicaReadsAllowed,
  runInReadScope,
} from './read-routing';
import { ReplicaPool, ReplicaSet, lagFromSamples, parseLsn } from './replica-set';
import { replicaFailure } from './replicated-postgres-driver';

const sqlError = (code: string) => {
  const e = new DatabaseError('refused', 0, 'error');
  e.code = code;
  e.severity = 'ERROR';
  return new QueryFailedError('SELECT 1', [], e);
};

/** A pool that answers the checks' SQL with what the test sets (or fails). */
function fakePool(answer: () => Record<string, unknown> | Error): ReplicaPool {
  return {
    query: ({ text }) => {
      const a = answer();
      if (a instanceof Error) return Promise.reject(a);
      return Promise.resolve({ rows: [text.includes('pg_current_wal_lsn') ? { lsn: a.primary } : a] });
    },
  };
}

describe('DATABASE_REPLICA_* settings', () => {
  it('no replicas unless named; the lag limit and check interval have defaults', () => {
    expect(loadAppConfig({ NODE_ENV: 'test' }).databaseReplicas).toEqual({
      urls: [],
      maxLagSeconds: 30,
      checkSeconds: 5,
    });
    const config = loadAppConfig({
      NODE_ENV: 'test',
      DATABASE_REPLICA_URLS: ' postgres://u:p@replica-1/portal , postgresql://u:p@replica-2:5433/portal ,',
      DATABASE_REPLICA_MAX_LAG_SECONDS: '10',
      DATABASE_REPLICA_CHECK_SECONDS: '0.5',
    });
    expect(config.databaseReplicas).toEqual({
      urls: ['postgres://u:p@replica-1/portal', 'postgresql://u:p@replica-2:5433/portal'],
      maxLagSeconds: 10,
      checkSeconds: 0.5,
    });
  });

  it('refuses anything but postgres:// URLs without echoing them (they hold passwords)', () => {
    const load = (urls: string) => () => loadAppConfig({ NODE_ENV: 'test', DATABASE_REPLICA_URLS: urls });
    expect(load('postgres://u:p@a/db,mysql://u:secret@b/db')).toThrow(/entry 2 is not one/);
    expect(load('postgres://u:p@a/db,mysql://u:secret@b/db')).not.toThrow(/secret/);
    expect(load('replica-host:5432')).toThrow(/DATABASE_REPLICA_URLS/);
  });
});

describe('read routing scope', () => {
  it('starts on the primary, is opened by the guard, and readFromPrimary closes it for what it runs', async () => {
    expect(replicaReadsAllowed()).toBe(false);
    allowReplicaReads(); // outside any request: nothing to open
    expect(replicaReadsAllowed()).toBe(false);
    const scope = newReadScope();
    await runInReadScope(scope, async () => {
      expect(replicaReadsAllowed()).toBe(false);
      allowReplicaReads();
      await Promise.resolve();
      expect(replicaReadsAllowed()).toBe(true);
      expect(await readFromPrimary(async () => replicaReadsAllowed())).toBe(false);
      expect(replicaReadsAllowed()).toBe(true);
    });
    expect(scope.replica).toBe(true);
  });
});

describe('replica lag from WAL positions', () => {
  const lsn = (n: number) => BigInt(n);

  it('parses LSNs', () => {
    expect(parseLsn('0/3419708')).toBe(0x3419708n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(() => parseLsn('nonsense')).toThrow(/not an LSN/);
  });

  it('no lag when the replica has replayed the newest primary position, however idle the primary', () => {
    const samples = [
      { at: 0, lsn: lsn(100) },
      { at: 60_000, lsn: lsn(100) },
    ];
    expect(lagFromSamples(lsn(100), samples, 3_600_000)).toEqual({ lagSeconds: 0, freshAsOf: 60_000 });
  });

  it('behind: at most the time since the newest sample it has replayed past', () => {
    const samples = [
      { at: 0, lsn: lsn(100) },
      { at: 5_000, lsn: lsn(200) },
      { at: 10_000, lsn: lsn(300) },
    ];
    expect(lagFromSamples(lsn(250), samples, 10_050)).toEqual({ lagSeconds: 5.05, freshAsOf: 5_000 });
    expect(lagFromSamples(lsn(50), samples, 10_050)).toBeNull();
  });
});

describe('ReplicaSet', () => {
  const settings = { maxLagSeconds: 30, checkSeconds: 5 };
  beforeAll(() => Logger.overrideLogger(false));

  it('puts a caught-up standby in rotation, a lagging or stopped one out, and brings it back', async () => {
    let primary = '0/100';
    let replica: Record<string, unknown> | Error = {
      recovering: true,
      replay_lsn: '0/100',
      paused: false,
      replay_age: 3600, // idle for an hour: the timestamp alone would call it late
    };
    const set = new ReplicaSet([{ name: 'replica0', pool: fakePool(() => replica) }], settings);
    const primaryPool = fakePool(() => ({ primary }));
    expect(set.pick()).toBeNull();

    await set.check(primaryPool);
    expect(set.status()[0]).toMatchObject({ state: 'up', inRotation: true, lagSeconds: 0 });
    expect(set.pick()?.name).toBe('replica0');

    replica = new Error('connect ECONNREFUSED 127.0.0.1:5433');
    await set.check(primaryPool);
    expect(set.status()[0]).toMatchObject({ state: 'down', inRotation: false, lagSeconds: null });
    expect(set.status()[0]!.error).toMatch(/ECONNREFUSED/);
    expect(set.pick()).toBeNull();

    // Back, but the primary moved on and the replica's position predates every sample: its
    // replay timestamp bounds the lag (here beyond the limit).
    primary = '0/900';
    replica = { recovering: true, replay_lsn: '0/50', paused: true, replay_age: 45 };
    await set.check(primaryPool);
    expect(set.status()[0]).toMatchObject({ state: 'lagging', lagSeconds: 45, replayPaused: true });

    replica = { recovering: true, replay_lsn: '0/900', paused: false, replay_age: 0.2 };
    await set.check(primaryPool);
    expect(set.status()[0]).toMatchObject({ state: 'up', lagSeconds: 0 });

    replica = { recovering: false, replay_lsn: null, paused: false, replay_age: null };
    await set.check(primaryPool);
    expect(set.status()[0]).toMatchObject({ state: 'not_standby', inRotation: false });
  });

  it('a failed query takes a replica out until the next good check', async () => {
    const replica = { recovering: true, replay_lsn: '0/100', paused: false, replay_age: 0 };
    const set = new ReplicaSet([{ name: 'replica0', pool: fakePool(() => replica) }], settings);
    const primaryPool = fakePool(() => ({ primary: '0/100' }));
    await set.check(primaryPool);
    set.unreachable(set.members[0]!, new Error('Connection terminated unexpectedly'));
    expect(set.pick()).toBeNull();
    await set.check(primaryPool);
    expect(set.pick()?.name).toBe('replica0');
  });
});

describe('which replica failures are run again on the primary', () => {
  it('the link: refused or lost connections, shutting down or starting servers', () => {
    expect(replicaFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'unreachable',
    );
    expect(replicaFailure(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe('unreachable');
    expect(
      replicaFailure(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))),
    ).toBe('unreachable');
    expect(replicaFailure(new Error('timeout exceeded when trying to connect'))).toBe('unreachable');
    for (const code of ['08006', '57P01', '57P03', '53300'])
      expect(replicaFailure(sqlError(code))).toBe('unreachable');
  });

  it('the standby: a write it refuses, a statement replay cancelled', () => {
    for (const code of ['25006', '40001', '40P01']) expect(replicaFailure(sqlError(code))).toBe('refused');
  });

  it("not the statement's own errors, nor bugs: the primary would fail them too", () => {
    for (const code of ['42P01', '22P02', '57014']) expect(replicaFailure(sqlError(code))).toBeNull();
    expect(replicaFailure(new TypeError('x is not a function'))).toBeNull();
  });
});
