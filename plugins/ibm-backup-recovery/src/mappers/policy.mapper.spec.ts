import type { PolicySpec } from '@backbridge/core';
import { loadFixture } from '../../test/load-fixture';
import type { IbmPolicy, IbmProtectionGroup } from '../dto/ibm.dto';
import { groupObjectIds, toIbmPolicyPlan, toPolicyRecord } from './policy.mapper';

const GROUP_ID = '5901263190628181:1725393921826:8121';

describe('policy mapper', () => {
  const seedGroup = { ...loadFixture<IbmProtectionGroup>('create-protection-group.json'), id: GROUP_ID };

  it('reads the seed policy example: every 2 minutes is shown as hourly (with a warning), 1 week as 7 days', () => {
    const policy = loadFixture<IbmPolicy>('create-protection-policy.json');
    const record = toPolicyRecord(seedGroup, policy);
    expect(record).toMatchObject({
      nativeId: GROUP_ID,
      name: 'create-protection-group-options',
      enabled: true,
      schedules: [{ frequency: 'hourly', interval: 1, at: { hour: 0, minute: 0 }, timezone: 'America/Los_Angeles' }],
      retention: { keepDays: 7 },
      resourceNativeIds: ['1'],
    });
    expect(record.warnings).toEqual(['every 2 minutes is shown as hourly']);
  });

  it('reads the docs policy example (daily, 3 weeks) with the time of day and zone of the group', () => {
    const policy = loadFixture<IbmPolicy>('tf-policy-10.json');
    const group = { ...seedGroup, startTime: { hour: 22, minute: 15, timeZone: 'Asia/Tokyo' }, isPaused: true };
    expect(toPolicyRecord(group, policy)).toMatchObject({
      enabled: false,
      schedules: [{ frequency: 'daily', interval: 1, at: { hour: 22, minute: 15 }, timezone: 'Asia/Tokyo' }],
      retention: { keepDays: 21 },
      warnings: [],
    });
  });

  it('finds the objects of the seed group in its file protection params', () => {
    expect(groupObjectIds(seedGroup)).toEqual(['1']);
  });

  const spec: PolicySpec = {
    name: 'nightly-db',
    description: 'SQL, nightly',
    enabled: true,
    schedules: [{ frequency: 'weekly', interval: 1, daysOfWeek: ['MO', 'FR'], at: { hour: 2, minute: 30 }, timezone: 'Europe/Berlin' }],
    retention: { gfs: { daily: 7, weekly: 4, yearly: 2 } },
    resourceNativeIds: ['22', '23'],
  };

  it('splits a unified policy into a gw- protection policy and a group that always names its time zone', () => {
    const plan = toIbmPolicyPlan(spec, 'kSQL');
    expect(plan.policy).toEqual({
      name: 'gw-nightly-db',
      description: 'SQL, nightly',
      backupPolicy: { regular: { incremental: { schedule: { unit: 'Weeks', weekSchedule: { dayOfWeek: ['Monday', 'Friday'] } } }, retention: { unit: 'Days', duration: 7 } } },
      extendedRetention: [
        { schedule: { unit: 'Weeks', frequency: 1 }, retention: { unit: 'Weeks', duration: 4 } },
        { schedule: { unit: 'Years', frequency: 1 }, retention: { unit: 'Years', duration: 2 } },
      ],
    });
    expect(plan.group).toEqual({
      name: 'nightly-db',
      description: 'SQL, nightly',
      startTime: { hour: 2, minute: 30, timeZone: 'Europe/Berlin' },
      isPaused: false,
      environment: 'kSQL',
      mssqlParams: { protectionType: 'kFile', fileProtectionTypeParams: { objects: [{ id: 22 }, { id: 23 }] } },
    });
    expect(plan.warnings).toEqual(['IBM counts a month as 30 days and a year as 365 days']);
  });

  it('reads back what it wrote', () => {
    const plan = toIbmPolicyPlan(spec, 'kSQL');
    const group = { ...plan.group, id: GROUP_ID, policyId: '1:2:3', environment: 'kSQL' } as IbmProtectionGroup;
    const record = toPolicyRecord(group, plan.policy);
    expect(record).toMatchObject({ name: spec.name, description: spec.description, enabled: true, schedules: spec.schedules, retention: spec.retention, resourceNativeIds: spec.resourceNativeIds });
  });

  it('refuses what IBM cannot hold: two schedules, no resources, a vault, weekly every 2 weeks, two days of the month', () => {
    const daily = spec.schedules[0];
    expect(() => toIbmPolicyPlan({ ...spec, schedules: [daily, daily] })).toThrow(/exactly one schedule/);
    expect(() => toIbmPolicyPlan({ ...spec, resourceNativeIds: [] })).toThrow(/at least one resource/);
    expect(() => toIbmPolicyPlan({ ...spec, vaultNativeId: 'local' })).toThrow(/no vault/);
    expect(() => toIbmPolicyPlan({ ...spec, schedules: [{ ...daily, interval: 2 }] })).toThrow(/every week only/);
    expect(() => toIbmPolicyPlan({ ...spec, schedules: [{ ...daily, frequency: 'monthly', daysOfWeek: undefined, daysOfMonth: [1, 15] }] })).toThrow(/one day of the month/);
  });

  it('turns keepLast into days of the schedule, with a warning', () => {
    const plan = toIbmPolicyPlan({ ...spec, retention: { keepLast: 10 }, schedules: [{ frequency: 'hourly', interval: 6, at: { hour: 0, minute: 5 }, timezone: 'UTC' }] });
    expect(plan.policy.backupPolicy.regular).toMatchObject({ incremental: { schedule: { unit: 'Hours', hourSchedule: { frequency: 6 } } }, retention: { unit: 'Days', duration: 3 } });
    expect(plan.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/keepLast 10 is kept as 3 days/)]));
  });

  it('reads extended retention as GFS tiers, counting in IBM units', () => {
    const policy: IbmPolicy = {
      name: 'Silver',
      backupPolicy: { regular: { incremental: { schedule: { unit: 'Weeks', weekSchedule: { dayOfWeek: ['Monday', 'Thursday'] } } }, retention: { unit: 'Weeks', duration: 4 } } },
      extendedRetention: [
        { schedule: { unit: 'Months', frequency: 1 }, retention: { unit: 'Months', duration: 6 } },
        { schedule: { unit: 'Runs', frequency: 10 }, retention: { unit: 'Days', duration: 90 } },
      ],
    };
    const record = toPolicyRecord(seedGroup, policy);
    expect(record.retention).toEqual({ gfs: { daily: 28, monthly: 6 } });
    expect(record.schedules[0]).toMatchObject({ frequency: 'weekly', daysOfWeek: ['MO', 'TH'] });
    expect(record.warnings).toEqual(['extended retention every 10 Runs is not shown']);
  });
});
