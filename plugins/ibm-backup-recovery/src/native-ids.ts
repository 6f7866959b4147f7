/**
 * The plugin's own ids, made of IBM's. Unified ids travel in URL paths, and IBM's snapshot ids are
 * 216 characters, so ids are compact: a recovery point is its object and its run's start time
 * (the snapshot is looked up by those), and numbers are written in base 36.
 */
import { NotFoundError } from '@backbridge/plugin-sdk';

const BASE36 = /^[0-9a-z]+$/;

/** Digits (any length: cluster ids approach 2^53) in base 36. */
export function toBase36(digits: string | number): string {
  return BigInt(digits).toString(36);
}

export function fromBase36(text: string): string {
  if (!BASE36.test(text)) throw new RangeError(`'${text}' is not base 36`);
  let value = 0n;
  for (const char of text) value = value * 36n + BigInt(parseInt(char, 36));
  return value.toString();
}

/** `a:b:c` (ids of groups, recoveries) or `a:b` (runs) in base 36, dot-separated. */
const packColonId = (id: string) => id.split(':').map(toBase36).join('.');
const unpackColonId = (parts: string[]) => parts.map(fromBase36).join(':');

/** Where a snapshot lives when not on the cluster itself. */
const TARGET_LETTER: Record<string, string> = { Archival: 'a', RpaasArchival: 'p', Remote: 'r', StorageArraySnapshot: 's' };
const LETTER_TARGET = Object.fromEntries(Object.entries(TARGET_LETTER).map(([k, v]) => [v, k]));

export interface PointKey {
  objectId: string;
  runStartTimeUsecs: string;
  /** Absent for Local snapshots. */
  target?: { type: string; id: string };
}

export function pointNativeId(key: PointKey): string {
  const base = `${toBase36(key.objectId)}.${toBase36(key.runStartTimeUsecs)}`;
  return key.target ? `${base}.${TARGET_LETTER[key.target.type] ?? 'a'}${toBase36(key.target.id || '0')}` : base;
}

/** Undefined when the text is not one of ours (callers answer not_found). */
export function parsePointId(nativeId: string): PointKey | undefined {
  const match = /^([0-9a-z]+)\.([0-9a-z]+)(?:\.([aprs])([0-9a-z]+))?$/.exec(nativeId);
  if (!match) return undefined;
  return {
    objectId: fromBase36(match[1]),
    runStartTimeUsecs: fromBase36(match[2]),
    ...(match[3] && { target: { type: LETTER_TARGET[match[3]], id: fromBase36(match[4]) } }),
  };
}

export type JobId = { kind: 'run'; groupId: string; runId: string } | { kind: 'recovery'; recoveryId: string };

export const runJobId = (groupId: string, runId: string): string => `r.${packColonId(groupId)}.${packColonId(runId)}`;
export const recoveryJobId = (recoveryId: string): string => `c.${packColonId(recoveryId)}`;

export function parseJobId(nativeId: string): JobId | undefined {
  const parts = nativeId.split('.');
  if (!parts.slice(1).every((p) => BASE36.test(p))) return undefined;
  if (parts[0] === 'r' && parts.length === 6) return { kind: 'run', groupId: unpackColonId(parts.slice(1, 4)), runId: unpackColonId(parts.slice(4)) };
  if (parts[0] === 'c' && parts.length === 4) return { kind: 'recovery', recoveryId: unpackColonId(parts.slice(1)) };
  return undefined;
}

/**
 * What getWork follows. A backup's run id is unknown when IBM accepts it (202 without a run id),
 * so the ref keeps the group, the object (or `all`) and when it was asked for.
 */
export type WorkRef =
  | { kind: 'backup'; groupId: string; objectId?: string; requestedAtUsecs: number }
  | { kind: 'restore'; recoveryId: string; objectId?: string };

export function workRefText(ref: WorkRef): string {
  return ref.kind === 'backup' ? `backup/${ref.groupId}/${ref.objectId ?? 'all'}/${ref.requestedAtUsecs}` : `restore/${ref.recoveryId}/${ref.objectId ?? 'none'}`;
}

export function parseWorkRef(text: string): WorkRef {
  const backup = /^backup\/(\d+:\d+:\d+)\/(\d+|all)\/(\d+)$/.exec(text);
  if (backup) return { kind: 'backup', groupId: backup[1], ...(backup[2] !== 'all' && { objectId: backup[2] }), requestedAtUsecs: Number(backup[3]) };
  const restore = /^restore\/(\d+:\d+:\d+)\/(\d+|none)$/.exec(text);
  if (restore) return { kind: 'restore', recoveryId: restore[1], ...(restore[2] !== 'none' && { objectId: restore[2] }) };
  throw new NotFoundError(`'${text}' is not an IBM Backup and Recovery job reference.`);
}

export const isoFromUsecs = (usecs: number | undefined): string | undefined =>
  usecs === undefined || usecs <= 0 ? undefined : new Date(Math.floor(usecs / 1000)).toISOString();
