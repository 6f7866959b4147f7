import { ValidationFailedError } from '@backbridge/core';
import createExample from '../../test/fixtures/policy-create.json';
import updateExample from '../../test/fixtures/policy-update.json';
import vaultExample from '../../test/fixtures/vault-create.json';
import type { CbrPolicy } from '../dto/policy.dto';
import type { CbrVault } from '../dto/vault.dto';
import { toCbrPolicyCreate, toPolicyRecord } from './policy.mapper';

const reference = new Date('2026-01-15T00:00:00Z');

describe('toPolicyRecord', () => {
  it('maps the create example: weekly 14:00 UTC every day, one day of retention, no vault', () => {
    const record = toPolicyRecord(createExample.response.policy as CbrPolicy, new Map());
    expect(record).toMatchObject({
      nativeId: 'cbb3ce6f-3332-4e7c-b98e-77290d8471ff',
      name: 'policy001',
      enabled: true,
      schedules: [{ frequency: 'weekly', interval: 1, at: { hour: 14, minute: 0 }, daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], timezone: 'UTC' }],
      retention: { keepDays: 1 },
      resourceNativeIds: [],
      createdAt: '2019-05-08T06:57:05.000Z',
    });
    expect(record.vaultNativeId).toBeUndefined();
  });

  it('maps the update example (max_backups replaces retention_duration_days) and the resources of its vaults', () => {
    const vault = vaultExample.vault as CbrVault;
    const policy = { ...(updateExample.response.policy as CbrPolicy), associated_vaults: [{ vault_id: vault.id }] };
    const record = toPolicyRecord(policy, new Map([[vault.id, vault]]));
    expect(record.retention).toEqual({ keepLast: 1 });
    expect(record.vaultNativeId).toBe(vault.id);
    expect(record.resourceNativeIds).toEqual(['23a320a5-3efd-4568-b1aa-8dd9183cc64c']);
  });
});

describe('toCbrPolicyCreate', () => {
  it('writes the seed example request from the unified policy it means', () => {
    const { policy, warnings } = toCbrPolicyCreate(
      {
        name: 'policy001',
        enabled: true,
        schedules: [{ frequency: 'weekly', interval: 1, at: { hour: 22, minute: 0 }, daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], timezone: 'Asia/Shanghai' }],
        retention: { keepDays: 1, gfs: {} },
        resourceNativeIds: [],
      },
      reference,
    );
    expect(policy).toEqual(createExample.request.policy);
    expect(warnings).toEqual([]);
  });

  it('refuses names CBR refuses, monthly schedules and more than 24 patterns, naming the fields', () => {
    const base = { enabled: true, retention: { keepLast: 1 }, resourceNativeIds: [] };
    expect(() => toCbrPolicyCreate({ ...base, name: 'has space', schedules: [{ frequency: 'daily', interval: 1, at: { hour: 1, minute: 0 }, timezone: 'UTC' }] }, reference)).toThrow(ValidationFailedError);
    const monthly = () => toCbrPolicyCreate({ ...base, name: 'm', schedules: [{ frequency: 'monthly', interval: 1, at: { hour: 1, minute: 0 }, daysOfMonth: [1], timezone: 'UTC' }] }, reference);
    expect(monthly).toThrow(expect.objectContaining({ extras: expect.objectContaining({ errors: [expect.objectContaining({ field: 'schedules[0].frequency' })] }) }));
    const many = Array.from({ length: 25 }, (_, i) => ({ frequency: 'weekly' as const, interval: 1, at: { hour: i % 24, minute: 0 }, daysOfWeek: [(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const)[i % 7]], timezone: 'UTC' }));
    expect(() => toCbrPolicyCreate({ ...base, name: 'many', schedules: many }, reference)).toThrow(/at most 24/);
  });

  it('warns that CBR drops the description', () => {
    const { warnings } = toCbrPolicyCreate({ name: 'p', description: 'nightly', enabled: true, schedules: [{ frequency: 'daily', interval: 1, at: { hour: 1, minute: 0 }, timezone: 'UTC' }], retention: { keepLast: 3 }, resourceNativeIds: [] }, reference);
    expect(warnings).toEqual(['CBR policies have no description; it is not stored.']);
  });
});
