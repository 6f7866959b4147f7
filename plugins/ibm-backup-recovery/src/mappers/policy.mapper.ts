import { ValidationFailedError, type PolicyRecord, type PolicySpec } from '@backbridge/core';
import type { IbmEnvironment, IbmEnvironmentParams, IbmPolicy, IbmProtectionGroup, IbmTimeOfDay } from '../dto/ibm.dto';
import { isoFromUsecs } from '../native-ids';
import { fromIbmRetention, toIbmRetention } from './retention.mapper';
import { fromIbmSchedule, toIbmSchedule } from './schedule.mapper';

/** Policies the plugin creates are named so, to tell them from the instance's own. */
export const GATEWAY_POLICY_PREFIX = 'gw-';

/** The object ids a group protects, whatever params block its environment uses. */
export function groupObjectIds(group: IbmProtectionGroup): string[] {
  const params = group.physicalParams ?? group.mssqlParams;
  if (!params) return [];
  const blocks = [params.volumeProtectionTypeParams, params.fileProtectionTypeParams, params.nativeProtectionTypeParams];
  return [...new Set(blocks.flatMap((block) => (block?.objects ?? []).map((o) => String(o.id))))].sort();
}

export function toPolicyRecord(group: IbmProtectionGroup, policy: IbmPolicy): PolicyRecord {
  const warnings: string[] = [];
  const regular = policy.backupPolicy?.regular;
  const schedules = regular?.incremental ? [fromIbmSchedule(regular.incremental.schedule, group.startTime, warnings)] : [];
  if (!regular?.incremental) warnings.push('the IBM policy has no incremental schedule');
  if (regular?.full || regular?.fullBackups) warnings.push('the full-backup schedule of the IBM policy is not shown');
  if (policy.backupPolicy?.log || policy.backupPolicy?.bmr) warnings.push('log and bare-metal schedules of the IBM policy are not shown');
  const archival = regular?.primaryBackupTarget?.targetType === 'Archival';
  if (archival) warnings.push('backups go straight to an archival target, which is not a listed vault');
  const updatedAt = isoFromUsecs(group.lastModifiedTimestampUsecs);
  return {
    nativeId: group.id!,
    name: group.name,
    ...(group.description && { description: group.description }),
    enabled: group.isPaused !== true,
    schedules,
    retention: fromIbmRetention(regular?.retention, policy.extendedRetention, warnings),
    resourceNativeIds: groupObjectIds(group),
    warnings,
    ...(updatedAt && { updatedAt }),
    native: { protectionGroup: group, protectionPolicy: policy },
  };
}

/** A protection group without its policyId (known once the policy exists) and, in a dry run, without its environment. */
export interface IbmGroupPlan {
  name: string;
  description?: string;
  startTime: IbmTimeOfDay;
  isPaused: boolean;
  environment?: IbmEnvironment;
  physicalParams?: IbmEnvironmentParams;
  mssqlParams?: IbmEnvironmentParams;
}

/** What a unified policy becomes: an IBM policy, and the group that applies it at a time of day. */
export interface IbmPolicyPlan {
  policy: IbmPolicy;
  group: IbmGroupPlan;
  warnings: string[];
}

/** The params block of a group: whole volumes of hosts, file-based backups of SQL databases. */
export function environmentParams(environment: IbmEnvironment, objectIds: string[]): Pick<IbmProtectionGroup, 'physicalParams' | 'mssqlParams'> {
  const objects = objectIds.map((id) => ({ id: Number(id) }));
  if (environment === 'kSQL') return { mssqlParams: { protectionType: 'kFile', fileProtectionTypeParams: { objects } } };
  return { physicalParams: { protectionType: 'kVolume', volumeProtectionTypeParams: { objects } } };
}

export function toIbmPolicyPlan(spec: PolicySpec, environment?: IbmEnvironment): IbmPolicyPlan {
  if (spec.schedules.length !== 1) {
    throw ValidationFailedError.field('schedules', 'IBM Backup and Recovery takes exactly one schedule per policy (the incremental schedule)');
  }
  if (spec.resourceNativeIds.length === 0) {
    throw ValidationFailedError.field('resourceNativeIds', 'IBM Backup and Recovery protects objects through a protection group, which needs at least one resource');
  }
  if (spec.vaultNativeId !== undefined) {
    throw ValidationFailedError.field('vaultNativeId', 'IBM Backup and Recovery keeps backups on its own cluster; no vault can be chosen');
  }
  const warnings: string[] = [];
  const { schedule, startTime } = toIbmSchedule(spec.schedules[0]);
  const { retention, extendedRetention } = toIbmRetention(spec.retention, spec.schedules[0], warnings);
  const policy: IbmPolicy = {
    name: `${GATEWAY_POLICY_PREFIX}${spec.name}`,
    ...(spec.description !== undefined && { description: spec.description }),
    backupPolicy: { regular: { incremental: { schedule }, retention } },
    ...(extendedRetention.length > 0 && { extendedRetention }),
  };
  const group: IbmGroupPlan = {
    name: spec.name,
    ...(spec.description !== undefined && { description: spec.description }),
    startTime,
    isPaused: !spec.enabled,
    ...(environment && { environment, ...environmentParams(environment, spec.resourceNativeIds) }),
  };
  if (!environment) warnings.push('the protection group takes its environment (kPhysical or kSQL) from the resources when the policy is created');
  return { policy, group, warnings };
}

/** The params block that holds the objects, whatever the group's protection type. */
export function withObjects(params: IbmEnvironmentParams, objectIds: string[]): IbmEnvironmentParams {
  const objects = objectIds.map((id) => ({ id: Number(id) }));
  const key = (['volumeProtectionTypeParams', 'fileProtectionTypeParams', 'nativeProtectionTypeParams'] as const).find((k) => params[k] !== undefined) ?? 'volumeProtectionTypeParams';
  return { ...params, [key]: { ...params[key], objects } };
}
