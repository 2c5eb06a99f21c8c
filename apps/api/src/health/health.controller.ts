import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public, ReplicaMonitor } from '@portal/platform';
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
  ) {}

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
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
