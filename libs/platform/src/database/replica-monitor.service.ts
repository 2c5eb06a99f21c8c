import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalDataSource } from './portal-data-source';
import type { ReplicaPool, ReplicaSet, ReplicaStatus } from './replica-set';

/** The read replicas of a DataSource, or null when it has none. */
export function replicasOf(dataSource: DataSource): ReplicaSet | null {
  return dataSource instanceof PortalDataSource ? dataSource.replicas : null;
}

/**
 * Checks every read replica when the process starts and then every DATABASE_REPLICA_CHECK_SECONDS:
 * reachable, a standby, and not more than DATABASE_REPLICA_MAX_LAG_SECONDS behind the primary, or
 * out of rotation (its reads go to the primary) until a later check finds it well again.
 */
@Injectable()
export class ReplicaMonitor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Replicas');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Each replica's state at the last check (empty without replicas). */
  status(): ReplicaStatus[] {
    return replicasOf(this.dataSource)?.status() ?? [];
  }

  async onModuleInit(): Promise<void> {
    const replicas = replicasOf(this.dataSource);
    if (!replicas) return;
    const primary = (this.dataSource.driver as unknown as { master: ReplicaPool }).master;
    const check = async () => {
      // Not after the pools closed (shutdown hooks run in no fixed order).
      if (!this.dataSource.isInitialized) return;
      await replicas
        .check(primary)
        .catch((e: Error) => this.logger.error(`replica check failed: ${e.message}`));
    };
    // Before the api answers: replicas that are well serve from the first request.
    await check();
    this.timer = setInterval(check, replicas.settings.checkSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
