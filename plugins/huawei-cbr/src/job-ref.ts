import { ValidationFailedError } from '@backbridge/core';

/**
 * The durable reference to vendor work, stored by the gateway. A backup is followed through its
 * restore point (checkpoint); a restore has no id of its own (CBR answers 202 without a body), so
 * it is found again in the task log by backup, resource and start time.
 */
export type JobRef =
  | { kind: 'backup'; checkpointId: string; resourceId: string; startedAt: number }
  | { kind: 'restore'; backupId: string; resourceId: string; startedAt: number };

export function formatJobRef(ref: JobRef): string {
  return ref.kind === 'backup'
    ? `backup:${ref.checkpointId}:${ref.resourceId}:${ref.startedAt}`
    : `restore:${ref.backupId}:${ref.resourceId}:${ref.startedAt}`;
}

export function parseJobRef(value: string): JobRef {
  const [kind, objectId, resourceId, startedAt, ...rest] = value.split(':');
  const time = Number(startedAt);
  if (rest.length > 0 || !objectId || !resourceId || !Number.isInteger(time)) throw ValidationFailedError.field('jobRef', 'is not a reference of this plugin.');
  if (kind === 'backup') return { kind, checkpointId: objectId, resourceId, startedAt: time };
  if (kind === 'restore') return { kind, backupId: objectId, resourceId, startedAt: time };
  throw ValidationFailedError.field('jobRef', 'is not a reference of this plugin.');
}
