import { Logger } from '@nestjs/common';

/** The part of a pg Pool the replica set uses. */
export interface ReplicaPool {
  query(config: { text: string; query_timeout?: number }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/**
 * - `unknown`: not checked yet;
 * - `up`: answering, at most the allowed lag behind: in rotation;
 * - `lagging`: answering but too far behind (or its lag cannot be bounded yet);
 * - `down`: the check or a query failed to reach it;
 * - `not_standby`: it answers but is not in recovery (promoted, or not a replica at all).
 */
export type ReplicaState = 'unknown' | 'up' | 'lagging' | 'down' | 'not_standby';

export interface ReplicaStatus {
  readonly name: string;
  readonly state: ReplicaState;
  readonly inRotation: boolean;
  /** Upper bound of how far behind the primary it was at the last check; null when unknown. */
  readonly lagSeconds: number | null;
  readonly replayPaused: boolean;
  readonly checkedAt: string | null;
  /** The last failure's message (never the URL). */
  readonly error: string | null;
}

export interface ReplicaSettings {
  readonly maxLagSeconds: number;
  readonly checkSeconds: number;
}

/** One replica: its pool, what the last check found, and its counters. */
export class ReplicaMember {
  state: ReplicaState = 'unknown';
  lagSeconds: number | null = null;
  replayPaused = false;
  /** The newest primary state (epoch ms) this replica is known to have replayed. */
  freshAsOf = 0;
  checkedAt: number | null = null;
  error: string | null = null;
  /** Statements it ran, and statements that failed on it and were run again on the primary. */
  queries = 0;
  retries = 0;

  constructor(
    readonly name: string,
    readonly pool: ReplicaPool,
  ) {}

  get inRotation(): boolean {
    return this.state === 'up';
  }
}

/** A reading of the primary's WAL position, taken at the start of every check. */
export interface LsnSample {
  readonly at: number;
  readonly lsn: bigint;
}

/** `16/B374D848` → a comparable number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  if (high === undefined || low === undefined || !/^[0-9A-F]+$/i.test(high + low))
    throw new Error(`not an LSN: ${text}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * How far behind the primary a replica that has replayed up to `replayLsn` is, from the primary's
 * WAL positions sampled by earlier checks (oldest first; the last one taken just before the replica
 * was asked). The replica holds at least the primary's state at the newest sample it has replayed
 * past, so the lag is at most the time since that sample: equal positions mean no lag at all, and
 * an idle primary (whose position does not move) never makes a replica look late, which the
 * replay timestamp would (`now() - pg_last_xact_replay_timestamp()` grows while nothing happens).
 * Null when no sample is old enough to bound it.
 */
export function lagFromSamples(
  replayLsn: bigint,
  samples: readonly LsnSample[],
  now: number,
): { lagSeconds: number; freshAsOf: number } | null {
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i]!;
    if (sample.lsn <= replayLsn)
      return { lagSeconds: i === samples.length - 1 ? 0 : (now - sample.at) / 1000, freshAsOf: sample.at };
  }
  return null;
}

const CHECK_TIMEOUT_MS = 2000;

const REPLICA_CHECK_SQL = `
  SELECT pg_is_in_recovery() AS recovering,
         pg_last_wal_replay_lsn()::text AS replay_lsn,
         CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END AS paused,
         EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS replay_age`;

/**
 * The read replicas of one process: which are in rotation, picked at random among those, taken out
 * by a failed check, a failed query or too much lag, and brought back by the next good check.
 */
export class ReplicaSet {
  readonly members: readonly ReplicaMember[];
  /** Reads meant for a replica that went to the primary because none was in rotation. */
  readsOnPrimary = 0;
  private samples: LsnSample[] = [];
  private checking: Promise<void> | null = null;
  private readonly logger = new Logger('Replicas');

  constructor(
    pools: ReadonlyArray<{ name: string; pool: ReplicaPool }>,
    readonly settings: ReplicaSettings,
  ) {
    this.members = pools.map((p) => new ReplicaMember(p.name, p.pool));
  }

  /** A replica in rotation, or null (the read then goes to the primary). */
  pick(): ReplicaMember | null {
    const up = this.members.filter((m) => m.inRotation);
    return up.length ? up[Math.floor(Math.random() * up.length)]! : null;
  }

  /** A query could not reach `member`: out of rotation until a check finds it again. */
  unreachable(member: ReplicaMember, error: unknown): void {
    this.moveTo(member, 'down', messageOf(error));
  }

  status(): ReplicaStatus[] {
    return this.members.map((m) => ({
      name: m.name,
      state: m.state,
      inRotation: m.inRotation,
      lagSeconds: m.lagSeconds === null ? null : Math.round(m.lagSeconds * 1000) / 1000,
      replayPaused: m.replayPaused,
      checkedAt: m.checkedAt === null ? null : new Date(m.checkedAt).toISOString(),
      error: m.error,
    }));
  }

  /** Samples the primary's WAL position, then every replica's replay position; one at a time. */
  check(primary: ReplicaPool): Promise<void> {
    this.checking ??= this.runCheck(primary).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async runCheck(primary: ReplicaPool): Promise<void> {
    const at = Date.now();
    try {
      const { rows } = await primary.query({
        text: 'SELECT pg_current_wal_lsn()::text AS lsn',
        query_timeout: CHECK_TIMEOUT_MS,
      });
      this.samples.push({ at, lsn: parseLsn(String(rows[0]!.lsn)) });
    } catch {
      // The primary is unreachable: the replicas are judged by their replay timestamps alone.
    }
    // Keep what can bound a lag up to the limit, and one older sample to show a lag beyond it.
    const horizon = at - this.settings.maxLagSeconds * 1000;
    while (this.samples.length > 1 && this.samples[1]!.at <= horizon) this.samples.shift();
    await Promise.all(this.members.map((m) => this.checkMember(m)));
  }

  private async checkMember(member: ReplicaMember): Promise<void> {
    let row: Record<string, unknown>;
    try {
      const result = await member.pool.query({ text: REPLICA_CHECK_SQL, query_timeout: CHECK_TIMEOUT_MS });
      row = result.rows[0] ?? {};
    } catch (error) {
      member.checkedAt = Date.now();
      this.moveTo(member, 'down', messageOf(error));
      return;
    }
    const now = Date.now();
    member.checkedAt = now;
    member.replayPaused = row.paused === true;
    if (row.recovering !== true) {
      member.lagSeconds = null;
      this.moveTo(member, 'not_standby', 'it is not in recovery: not a streaming replica (promoted?)');
      return;
    }
    let bound =
      row.replay_lsn === null || row.replay_lsn === undefined
        ? null
        : lagFromSamples(parseLsn(String(row.replay_lsn)), this.samples, now);
    if (!bound && typeof row.replay_age === 'number')
      // No sample bounds it (just started, or the primary is unreachable): the replay timestamp
      // does, from above, and with the clocks' skew.
      bound = {
        lagSeconds: Math.max(0, row.replay_age),
        freshAsOf: now - Math.max(0, row.replay_age) * 1000,
      };
    member.lagSeconds = bound?.lagSeconds ?? null;
    member.freshAsOf = bound?.freshAsOf ?? 0;
    if (bound && bound.lagSeconds <= this.settings.maxLagSeconds) this.moveTo(member, 'up', null);
    else
      this.moveTo(
        member,
        'lagging',
        bound
          ? `${bound.lagSeconds.toFixed(1)} s behind the primary (at most ${this.settings.maxLagSeconds} s allowed)`
          : 'its lag is not known yet',
      );
  }

  private moveTo(member: ReplicaMember, state: ReplicaState, error: string | null): void {
    const before = member.state;
    if (state === 'down') member.lagSeconds = null;
    member.state = state;
    member.error = error;
    if (before === state) return;
    if (state === 'up') this.logger.log(`${member.name} is back in rotation for anonymous reads`);
    else if (before === 'up' || before === 'unknown')
      this.logger.warn(`${member.name} is out of rotation (${state}): ${error}; its reads go to the primary`);
  }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // pg's messages may name host and port, never the password; cut anything long.
  return text.slice(0, 200);
}
