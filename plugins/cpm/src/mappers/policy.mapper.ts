import { ValidationFailedError, type PolicyRecord, type PolicySpec } from '@backbridge/core';
import type { PluginLogger } from '@backbridge/plugin-sdk';
import type { CpmPolicy, CpmPolicyWrite, CpmSchedule, CpmScheduleWrite, CpmTarget } from '../dto/cpm-dto';
import { isoOf } from './cpm-time';
import { fromCpmSchedule, toCpmSchedule } from './schedule.mapper';

/** "Name can only contain alphanumeric characters, underscore and dash." */
const CPM_NAME = /^[A-Za-z0-9_-]+$/;

/** A CPM policy with its schedules and targets (read separately: they are separate objects linked by id). */
export function toPolicyRecord(policy: CpmPolicy, schedules: CpmSchedule[], targets: CpmTarget[], log: PluginLogger): PolicyRecord {
  const readings = schedules.map((schedule) => fromCpmSchedule(schedule, log));
  const warnings = readings.flatMap((r) => r.warnings);
  if (policy.generations === undefined) warnings.push('CPM did not say how many generations the policy keeps; shown as keepLast 1.');
  if (policy.dr_enabled) warnings.push('The policy copies snapshots to other regions or accounts (DR), which the unified policy does not show.');
  if (policy.copy_to_s3_enabled) warnings.push('The policy copies snapshots to an S3 repository, which the unified policy does not show.');
  const resourceNativeIds = [...new Set(targets.map((t) => t.aws_resource_id).filter((id): id is string => typeof id === 'string'))].sort();
  const updatedAt = isoOf(policy.last_modified);
  return {
    nativeId: String(policy.id),
    name: policy.name ?? String(policy.id),
    ...(policy.description ? { description: policy.description } : {}),
    enabled: policy.enabled ?? true,
    schedules: readings.map((r) => r.schedule),
    retention: { keepLast: policy.generations ?? 1 },
    resourceNativeIds,
    warnings,
    // CPM keeps no creation time for policies.
    ...(updatedAt !== undefined && { updatedAt }),
    native: { policy, schedules, targets },
  };
}

export interface PolicyTranslationParts {
  schedules: CpmScheduleWrite[];
  policy: CpmPolicyWrite;
  warnings: string[];
}

/**
 * A unified policy as CPM writes: one schedule per unified schedule (POST /api/schedules/), then the
 * policy (POST or PUT /api/policies/) naming their ids. Refuses what CPM cannot store.
 */
export function toCpmPolicy(spec: PolicySpec, user: number, account?: number): PolicyTranslationParts {
  if (!CPM_NAME.test(spec.name)) throw ValidationFailedError.field('name', 'CPM policy names can only contain letters, digits, underscore and dash.');
  if (spec.name === 'cpmdata') throw ValidationFailedError.field('name', "'cpmdata' is CPM's own configuration-backup policy.");
  if (spec.retention.keepLast === undefined) throw ValidationFailedError.field('retention.keepLast', 'CPM keeps recovery points by number of generations only.');
  if (spec.vaultNativeId !== undefined) throw ValidationFailedError.field('vault', 'This plugin stores CPM policies without an S3 repository.');
  const translated = spec.schedules.map((schedule, i) => toCpmSchedule(schedule, `schedules[${i}]`, `${spec.name}-s${i + 1}`, user));
  return {
    schedules: translated.map((t) => t.body),
    policy: {
      ...(account !== undefined && { account }),
      name: spec.name,
      description: spec.description ?? '',
      enabled: spec.enabled,
      generations: spec.retention.keepLast,
    },
    warnings: translated.flatMap((t) => t.warnings),
  };
}
