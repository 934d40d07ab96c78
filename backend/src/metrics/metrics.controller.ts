import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

/**
 * `GET /metrics`: Prometheus text. Open unless METRICS_TOKEN is set, then it needs
 * `Authorization: Bearer <token>`; either way, keep it off the public internet (docs/deployment.md).
 */
// Public to the session guard: its own bearer token (METRICS_TOKEN) is the check.
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly tokenDigest?: Buffer;

  constructor(
    config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    if (config.metricsToken) this.tokenDigest = digest(config.metricsToken);
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    if (this.tokenDigest) {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      // Digests have one length, so the comparison takes the same time whatever was sent.
      if (!given || !timingSafeEqual(digest(given), this.tokenDigest)) throw new UnauthorizedException('A metrics token is required');
    }
    const text = await this.metrics.text();
    res.setHeader('content-type', this.metrics.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(text);
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();
