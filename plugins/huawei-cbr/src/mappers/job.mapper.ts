import type { JobRecord } from '@backbridge/core';
import type { CbrOperationLog } from '../dto/operation-log.dto';
import { taskToWorkStatus, toJobType } from '../status-maps';
import { toIsoUtc } from './cbr-time';
import type { MapContext } from './map-context';

/** The backup a task made, restored from or deleted. */
export function recoveryPointOfLog(log: CbrOperationLog): string | undefined {
  const extra = log.extra_info ?? {};
  return extra.backup?.backup_id || extra.restore?.backup_id || extra.delete?.backup_id || undefined;
}

/** The error of a task: `error_info` carries empty strings when there is none. */
export function errorOfLog(log: CbrOperationLog): { code: string; message: string } | undefined {
  const info = log.error_info;
  if (info?.code) return { code: info.code, message: info.message || info.code };
  if (log.status === 'timeout') return { code: 'timeout', message: 'The CBR task timed out.' };
  return undefined;
}

/** A CBR task (operation log) as a unified job. */
export function toJobRecord(log: CbrOperationLog, ctx: MapContext): JobRecord {
  const extra = log.extra_info ?? {};
  const resourceId = extra.restore?.target_resource_id || extra.resource?.id || undefined;
  const recoveryPointNativeId = recoveryPointOfLog(log);
  const error = errorOfLog(log);
  const progress = extra.common?.progress;
  const startedAt = toIsoUtc(log.started_at);
  const endedAt = toIsoUtc(log.ended_at);
  const createdAt = toIsoUtc(log.created_at);
  return {
    nativeId: log.id,
    type: toJobType(log.operation_type, ctx.log),
    status: taskToWorkStatus(log.status, ctx.log),
    ...(typeof progress === 'number' && { progress }),
    ...(startedAt !== undefined && { startedAt }),
    ...(endedAt !== undefined && { endedAt }),
    ...(createdAt !== undefined && { createdAt }),
    ...(resourceId !== undefined && { resourceNativeId: resourceId }),
    ...(log.policy_id ? { policyNativeId: log.policy_id } : {}),
    ...(recoveryPointNativeId !== undefined && { recoveryPointNativeId }),
    ...(error !== undefined && { error }),
    native: log,
  };
}
