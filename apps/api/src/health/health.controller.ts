import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModuleRef } from '@nestjs/core';
import { DatabaseBootstrapService, Public, ReplicaMonitor, backupStatus } from '@portal/platform';
import { backupSchedule } from '@portal/composition';
import { HostRoutingService } from '@portal/tenancy';

/**
 * Liveness (the process answers) and readiness (database reachable, host map loaded). Read replicas
 * are reported but never make the api unready: without them reads go to the primary.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
    private readonly replicas: ReplicaMonitor,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Fails only when the process cannot recover by itself (its bundled database could not be restarted). */
  @Get('live')
  @Public()
  live() {
    const boot = this.moduleRef.get(DatabaseBootstrapService, { strict: false });
    const server = boot.embeddedServer;
    if (!boot.canRecover)
      throw new HttpException(
        { status: 'failed', database: 'the bundled PostgreSQL could not be restarted' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    return {
      status: 'ok',
      ...(server ? { bundledDatabase: { state: server.state(), restarts: server.restarts().count } } : {}),
    };
  }

  @Get('ready')
  @Public()
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException({ status: 'unavailable', database: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    if (this.routing.version === 0)
      throw new HttpException(
        { status: 'unavailable', hostMap: 'not loaded' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    const replicas = this.replicas.status();
    // A failed backup is reported, never a reason to take the api out of service.
    const backups = backupSchedule().dir ? await this.backups() : null;
    return {
      status: 'ok',
      database: 'up',
      hostMapVersion: this.routing.version,
      ...(replicas.length ? { replicas } : {}),
      ...(backups ? { backups } : {}),
    };
  }

  /**
   * Scheduled backups (BACKUP_DIR): 200 while the last run succeeded (or when they are off), 503
   * once one failed or while none has run yet, for the monitoring that watches them; the body says
   * when (why is in the log and in `backup_runs`, not on a public endpoint).
   */
  @Get('backups')
  @Public()
  async backupsHealth() {
    const status = await this.backups();
    if (status.status !== 'ok' && status.status !== 'off')
      throw new HttpException(status, HttpStatus.SERVICE_UNAVAILABLE);
    return status;
  }

  private async backups() {
    const schedule = backupSchedule();
    if (!schedule.dir) return { status: 'off' as const };
    const s = await backupStatus(this.dataSource);
    return {
      status:
        s.lastOutcome === 'FAILED'
          ? ('failing' as const)
          : s.lastSuccessAt
            ? ('ok' as const)
            : ('none yet' as const),
      schedule: schedule.cron,
      keepDaily: schedule.keepDaily,
      keepMonthly: schedule.keepMonthly,
      lastRunAt: s.lastRunAt,
      lastOutcome: s.lastOutcome,
      lastSuccessAt: s.lastSuccessAt,
      failuresSinceSuccess: s.failuresSinceSuccess,
    };
  }
}
