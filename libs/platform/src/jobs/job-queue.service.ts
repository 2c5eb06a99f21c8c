import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Jobs fetched per poll; with a full batch the worker fetches again at once. */
const JOB_BATCH = 20;

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

interface Registration {
  name: string;
  handler: JobHandler<unknown>;
  /** Cron expression (UTC) for a recurring job. */
  cron?: string;
}

/**
 * Background jobs in the same PostgreSQL (pg-boss: SKIP LOCKED, so any number of processes can
 * work one queue and each job is taken by one of them). Libs register handlers at start-up; the
 * process works them when RUN_JOBS is on (the api in the embedded default, the worker in
 * production). Jobs can be sent inside a business transaction, so a state change and its job
 * commit or roll back together.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readonly registrations: Registration[] = [];
  private readonly queues = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Declares a handler; it starts working when the application has booted (if this process works jobs). */
  register<T>(name: string, handler: JobHandler<T>, options: { cron?: string } = {}): void {
    this.registrations.push({ name, handler: handler as JobHandler<unknown>, cron: options.cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runJobs || this.registrations.length === 0) return;
    const boss = await this.start();
    for (const r of this.registrations) {
      await this.ensureQueue(boss, r.name);
      // pg-boss keeps one schedule per name, whichever instance sets it: no duplicate runs.
      if (r.cron) await boss.schedule(r.name, r.cron, {}, { tz: 'UTC' });
      let workerId: string | null = null;
      workerId = await boss.work<unknown>(
        r.name,
        { pollingIntervalSeconds: this.config.jobPollingSeconds, batchSize: JOB_BATCH },
        async (jobs) => {
          // One at a time; a failure is that job's alone (pg-boss retries it by its queue's policy).
          for (const job of jobs) {
            try {
              await r.handler(job.data, { id: job.id, name: job.name });
            } catch (e) {
              this.logger.error(`job ${job.name} ${job.id} failed: ${(e as Error).stack ?? String(e)}`);
              await boss.fail(job.name, job.id, { message: (e as Error).message ?? String(e) });
            }
          }
          // A full batch means more are waiting (a backlog of scheduled publications due at once):
          // fetch again at once instead of after the polling interval.
          if (jobs.length === JOB_BATCH && workerId) boss.notifyWorker(workerId);
        },
      );
    }
  }

  /**
   * Sends a job, inside the caller's transaction when given one. `startAfter` delays it;
   * `singletonKey` makes a second identical send a no-op.
   */
  async send(
    name: string,
    data: object,
    options: { startAfter?: Date; singletonKey?: string } = {},
    manager?: EntityManager | null,
  ): Promise<string | null> {
    const boss = await this.start();
    await this.ensureQueue(boss, name);
    const db = manager?.queryRunner
      ? {
          executeSql: async (text: string, values: unknown[]) => {
            const result = await manager.queryRunner!.query(text, values, true);
            return { rows: result.records as unknown[] };
          },
        }
      : undefined;
    return boss.send(name, data, { ...options, ...(db ? { db } : {}) } as PgBoss.SendOptions);
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
  }

  private start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      const options = this.dataSource.options as { url?: string };
      const boss = new PgBoss({
        connectionString: options.url,
        schema: 'pgboss',
        application_name: 'portal-jobs',
        max: 4,
      });
      boss.on('error', (e: Error) => this.logger.error(`job queue: ${e.message}`));
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  private async ensureQueue(boss: PgBoss, name: string): Promise<void> {
    if (this.queues.has(name)) return;
    // Instances starting together create the same queues at once, and PostgreSQL may pick one of
    // them as a deadlock's victim (40P01): creating a queue is idempotent, so the victim tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        await boss.createQueue(name);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '40P01' || attempt >= 5) throw e;
        this.logger.warn(`job queue ${name}: deadlock while creating it with another instance; again`);
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
    this.queues.add(name);
  }
}
