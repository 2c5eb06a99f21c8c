import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PortalMetrics, Public } from '@portal/platform';
import { MetricsAccess } from './metrics-access';

/**
 * Prometheus metrics of this process, in the text exposition format. Public in the access model
 * (no portal account scrapes), restricted by {@link MetricsAccess}: refused callers get the
 * same 404 as a path that does not exist. Answers on any Host (a scraper addresses the pod).
 */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: PortalMetrics,
    private readonly access: MetricsAccess,
  ) {}

  @Get('metrics')
  @Public()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.access.allows(req)) throw new NotFoundException(`Cannot GET ${req.originalUrl}`);
    const { contentType, body } = await this.metrics.render();
    res.status(200).setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  }
}
