import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@portal/platform';
import { Asset, SITE_ASSETS, themeCss } from '../assets/site-assets';

const YEAR = 365 * 24 * 3600;

/** The website's stylesheet, emblem and theme colours: immutable files named by their content. */
@Controller('assets')
export class SiteAssetsController {
  @Get('theme/:name')
  @Public()
  theme(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    const asset = themeCss(name);
    if (!asset) throw new NotFoundException();
    send(req, res, asset);
  }

  @Get(':name')
  @Public()
  file(@Param('name') name: string, @Req() req: Request, @Res() res: Response): void {
    const asset = SITE_ASSETS.files.get(name);
    if (!asset) throw new NotFoundException();
    send(req, res, asset);
  }
}

function send(req: Request, res: Response, asset: Asset): void {
  res.setHeader('Cache-Control', `public, max-age=${YEAR}, immutable`);
  res.setHeader('ETag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', asset.type);
  res.end(asset.body);
}
