import type { PolicySpec } from '@backbridge/core';
import { fixture } from '../../test/fixtures';
import type { PdsBackupPolicy } from '../dto/backup-policy.dto';
import { toPolicyRecord, toPolicyRequest } from './policy.mapper';

const utc = 'UTC';
const spec = (over: Partial<PolicySpec> = {}): PolicySpec => ({
  name: 'nightly',
  enabled: true,
  schedules: [{ frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: utc }],
  retention: { keepLast: 7 },
  resourceNativeIds: [],
  ...over,
});
const reference = new Date('2026-01-15T00:00:00Z');

describe(toPolicyRequest.name, () => {
  it('writes one full schedule per unified schedule, each keeping keepLast jobs', () => {
    const { request, warnings } = toPolicyRequest(
      spec({ schedules: [spec().schedules[0], { frequency: 'weekly', interval: 1, at: { hour: 3, minute: 0 }, daysOfWeek: ['MO', 'TH'], timezone: utc }] }),
      reference,
    );
    expect(request).toEqual({
      name: 'nightly',
      schedules: [
        { schedule: '30 2 * * *', type: 'full', retention_count: 7 },
        { schedule: '0 3 * * 1,4', type: 'full', retention_count: 7 },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('converts another time zone to UTC and warns that DST moves it; drops a description with a warning', () => {
    const { request, warnings } = toPolicyRequest(
      spec({ description: 'db', schedules: [{ frequency: 'daily', interval: 1, at: { hour: 2, minute: 30 }, timezone: 'Europe/Berlin' }] }),
      reference,
    );
    expect(request.schedules[0].schedule).toBe('30 1 * * *');
    expect(warnings).toHaveLength(2);
  });

  it('refuses every-other-day schedules, which a cron cannot say', () => {
    expect(() => toPolicyRequest(spec({ schedules: [{ frequency: 'daily', interval: 2, at: { hour: 1, minute: 0 }, timezone: utc }] }), reference)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe(toPolicyRecord.name, () => {
  it('maps the documented BackupPolicy sample (schedules collapsed to []) as an always-enabled policy', () => {
    const policy = fixture<PdsBackupPolicy>('backup-policy.get');
    expect(toPolicyRecord(policy, { resourceNativeIds: [], vaultNativeIds: [] })).toEqual({
      nativeId: 'string',
      name: 'string',
      enabled: true,
      schedules: [],
      retention: { keepLast: 1 },
      resourceNativeIds: [],
      warnings: [],
      native: policy,
    });
  });

  it('reads the spec example schedule shape back, with the largest count and a warning when counts differ', () => {
    const policy: PdsBackupPolicy = {
      ...fixture<PdsBackupPolicy>('backup-policy.get'),
      schedules: [
        { id: 'a', schedule: '0 */6 * * *', type: 'incremental', retention_count: 12 },
        { id: 'b', schedule: '30 3 * * 0', type: 'full', retention_count: 4 },
      ],
    };
    const record = toPolicyRecord(policy, { resourceNativeIds: ['d1'], vaultNativeIds: ['t1'] });
    expect(record.schedules).toEqual([
      { frequency: 'hourly', interval: 6, at: { hour: 0, minute: 0 }, timezone: utc },
      { frequency: 'weekly', interval: 1, at: { hour: 3, minute: 30 }, daysOfWeek: ['SU'], timezone: utc },
    ]);
    expect(record).toMatchObject({ retention: { keepLast: 12 }, resourceNativeIds: ['d1'], vaultNativeId: 't1' });
    expect(record.warnings).toEqual([expect.stringContaining('retention')]);
  });

  it('leaves out, with a warning, a cron that is not one unified schedule', () => {
    const policy = { ...fixture<PdsBackupPolicy>('backup-policy.get'), schedules: [{ schedule: '0 2 1 1 *', type: 'full' as const, retention_count: 3 }] };
    const record = toPolicyRecord(policy, { resourceNativeIds: [], vaultNativeIds: [] });
    expect(record.schedules).toEqual([]);
    expect(record.warnings).toEqual([expect.stringContaining('0 2 1 1 *')]);
  });
});
