import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModuleRef } from '@nestjs/core';
import { DatabaseBootstrapService, Public, ReplicaMonitor } from '@portal/platform';
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
    return {
      status: 'ok',
      database: 'up',
      hostMapVersion: this.routing.version,
      ...(replicas.length ? { replicas } : {}),
    };
  }
}
