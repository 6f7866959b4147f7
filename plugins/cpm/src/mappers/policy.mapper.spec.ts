import { silentLogger } from '@backbridge/plugin-sdk';
import { ValidationFailedError, type PolicySpec } from '@backbridge/core';
import policy from '../../test/fixtures/policy-read.json';
import schedule from '../../test/fixtures/schedules-create-response.json';
import instances from '../../test/fixtures/targets-instances-list.json';
import volumes from '../../test/fixtures/targets-volumes-list.json';
import type { CpmPolicy } from '../dto/cpm-dto';
import { toCpmPolicy, toPolicyRecord } from './policy.mapper';

describe('toPolicyRecord', () => {
  it('joins the policy (§13.3), its schedules (§2.1.1) and its targets (§13.31, §13.52)', () => {
    const record = toPolicyRecord(policy.payload as CpmPolicy, [schedule.payload], [...instances.payload, ...volumes.payload], silentLogger);
    expect(record).toMatchObject({
      nativeId: '7',
      name: 'web-servers',
      description: 'Web tier, nightly',
      enabled: true,
      retention: { keepLast: 14 },
      resourceNativeIds: ['i-0a1b2c3d4e5f60718', 'vol-0f1e2d3c4b5a69788'],
      updatedAt: '2018-08-20T11:50:35.000Z',
      schedules: [{ frequency: 'weekly', interval: 1, daysOfWeek: ['WE'] }],
    });
    // CPM keeps no creation time for policies.
    expect(record.createdAt).toBeUndefined();
  });

  it('warns about what the unified policy cannot show', () => {
    const record = toPolicyRecord({ ...(policy.payload as CpmPolicy), dr_enabled: true, copy_to_s3_enabled: true }, [], [], silentLogger);
    expect(record.warnings.join(' ')).toMatch(/DR.*S3/);
  });
});

describe('toCpmPolicy', () => {
  const spec: PolicySpec = {
    name: 'nightly-web',
    description: 'web',
    enabled: true,
    schedules: [{ frequency: 'daily', interval: 1, at: { hour: 3, minute: 0 }, timezone: 'UTC' }],
    retention: { keepLast: 7 },
    resourceNativeIds: ['i-1'],
  };

  it('writes the create body of §13.1 (generations = keepLast) and one schedule per unified schedule', () => {
    const parts = toCpmPolicy(spec, 1, 3);
    expect(parts.policy).toEqual({ account: 3, name: 'nightly-web', description: 'web', enabled: true, generations: 7 });
    expect(parts.schedules).toEqual([expect.objectContaining({ name: 'nightly-web-s1', user: 1, every_unit: 'D', timezone: 'GMT' })]);
  });

  it('refuses names CPM refuses, the reserved cpmdata, and retention without generations', () => {
    expect(() => toCpmPolicy({ ...spec, name: 'nightly web' }, 1)).toThrow(ValidationFailedError);
    expect(() => toCpmPolicy({ ...spec, name: 'cpmdata' }, 1)).toThrow('name');
    expect(() => toCpmPolicy({ ...spec, retention: { keepDays: 7 } }, 1)).toThrow('retention.keepLast');
  });
});
