import { encodeUnifiedId, type WorkStatus } from '@backbridge/core';
import type { OperationEntity } from '@backbridge/persistence';
import type { OperationResponseDto } from './operations.dto';

/** An operation row as the API (and the event stream) shows it. */
export function toOperationResponse(op: OperationEntity): OperationResponseDto {
  const connection = op.connectionId;
  const result = op.result as { recoveryPointNativeIds?: string[]; resourceNativeIds?: string[] } | null;
  return {
    id: op.id,
    type: op.type,
    status: op.status as WorkStatus,
    done: op.done,
    ...(op.progress ? { progress: op.progress } : {}),
    ...(op.statusMessage ? { statusMessage: op.statusMessage } : {}),
    provider: op.provider,
    connection,
    request: op.request,
    ...(op.jobNativeId ? { job: encodeUnifiedId('job', connection, op.jobNativeId) } : {}),
    ...(result
      ? {
          result: {
            ...(result.recoveryPointNativeIds ? { recoveryPoints: result.recoveryPointNativeIds.map((id) => encodeUnifiedId('recoveryPoint', connection, id)) } : {}),
            ...(result.resourceNativeIds ? { resources: result.resourceNativeIds.map((id) => encodeUnifiedId('resource', connection, id)) } : {}),
          },
        }
      : {}),
    ...(op.error ? { error: op.error as unknown as OperationResponseDto['error'] } : {}),
    createdBy: op.createdBy,
    createdAt: op.createdAt.toISOString(),
    updatedAt: op.updatedAt.toISOString(),
  };
}
