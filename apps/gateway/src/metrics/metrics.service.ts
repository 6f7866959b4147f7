import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { VendorCallObserver } from '@backbridge/plugin-sdk';

/** One registry per gateway instance (tests boot several in one process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'backbridge_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly vendorDuration = new Histogram({
    name: 'backbridge_vendor_call_duration_seconds',
    help: 'Vendor API call latency by plugin, operation and outcome.',
    labelNames: ['plugin', 'operation', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'backbridge_' });
  }

  readonly observeVendorCall: VendorCallObserver = ({ plugin, method, outcome, seconds }) => {
    this.vendorDuration.observe({ plugin, operation: method, outcome }, seconds);
  };
}
