import { Controller, Get, Headers, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundError, UnauthenticatedError } from '@backbridge/core';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { MetricsService } from './metrics.service';

/** Prometheus text format; off with METRICS_ENABLED=false, behind METRICS_TOKEN when set. */
@ApiExcludeController()
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.config.metricsEnabled) {
      throw new NotFoundError('Metrics are disabled (METRICS_ENABLED=false).');
    }
    if (this.config.metricsToken) {
      const given = Buffer.from(authorization ?? '');
      const expected = Buffer.from(`Bearer ${this.config.metricsToken}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new UnauthenticatedError('Metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
      }
    }
    return this.metrics.registry.metrics();
  }
}
