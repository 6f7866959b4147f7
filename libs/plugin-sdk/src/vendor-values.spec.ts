import type { PluginLogger } from './logger';
import { mapVendorValue, vendorValuesOf } from './vendor-values';

const TABLE = { A: 'succeeded', B: 'failed', C: 'succeeded' } as const;

function recordingLogger(): PluginLogger & { warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args), error: () => undefined } as never;
}

describe('mapVendorValue', () => {
  it('maps a known value without a warning', () => {
    const logger = recordingLogger();
    expect(mapVendorValue(TABLE, 'B', { fallback: 'running', field: 'job.status', logger })).toBe('failed');
    expect(logger.warnings).toEqual([]);
  });

  it('gives the fallback and warns for an unknown value, a missing one and an inherited key', () => {
    const logger = recordingLogger();
    for (const value of ['Z', undefined, 'toString', 42]) {
      expect(mapVendorValue(TABLE, value, { fallback: 'running', field: 'job.status', logger })).toBe('running');
    }
    expect(logger.warnings).toHaveLength(4);
    expect(logger.warnings[0][1]).toEqual({ field: 'job.status', value: 'Z', fallback: 'running' });
  });
});

describe('vendorValuesOf', () => {
  it('lists every vendor value of a unified one', () => {
    expect(vendorValuesOf(TABLE, 'succeeded')).toEqual(['A', 'C']);
    expect(vendorValuesOf(TABLE, 'cancelled' as never)).toEqual([]);
  });
});
