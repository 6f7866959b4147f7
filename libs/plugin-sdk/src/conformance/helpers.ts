/** Building blocks of the conformance suite, usable on their own in a plugin's tests. */
import {
  FREQUENCIES,
  JOB_TYPES,
  ProblemError,
  RECOVERY_POINT_KINDS,
  RECOVERY_POINT_STATUSES,
  RESOURCE_TYPES,
  VAULT_KINDS,
  WORK_STATUSES,
  isFinal,
  type OrderBy,
  type SortField,
} from '@backbridge/core';
import type { Capabilities } from '../capabilities';
import type { ListRequest, Page, ProviderSession, WorkState } from '../session';

/** A unified record as the suite sees it: only `nativeId` is taken for granted. */
export type AnyRecord = { nativeId: string } & Record<string, unknown>;

export type IdKind = 'resource' | 'policy' | 'recoveryPoint' | 'job' | 'vault';
export type ListKindName = 'resources' | 'policies' | 'recoveryPoints' | 'jobs' | 'vaults';

export interface ListKind {
  idKind: IdKind;
  list: keyof ProviderSession;
  get: keyof ProviderSession;
  listable(capabilities: Capabilities): boolean;
  /** The value the gateway sorts by; ties are broken by nativeId ascending. */
  sortValue(record: AnyRecord, field: SortField): string;
  /** Enum fields and their allowed values; a trailing '?' marks a field that may be absent. */
  enums: Record<string, readonly string[]>;
  /** Timestamp fields; a trailing '?' marks a field that may be absent. */
  timestamps: string[];
  /** Further checks; each returns what is wrong. */
  more?(record: AnyRecord): string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const oneOf = (values: readonly string[], value: unknown): boolean => typeof value === 'string' && values.includes(value);
const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

/** The five listable kinds, with the same sort values as the gateway's list services. */
export const LIST_KINDS: Record<ListKindName, ListKind> = {
  resources: {
    idKind: 'resource',
    list: 'listResources',
    get: 'getResource',
    listable: (c) => c.resources.list,
    sortValue: (r, field) => (field === 'name' ? text(r.name) : text(r.createdAt)) ?? '',
    enums: { type: RESOURCE_TYPES },
    timestamps: ['createdAt?', 'lastBackupAt?'],
    more: (r) =>
      r.tags !== null && typeof r.tags === 'object'
        ? Object.entries(r.tags).flatMap(([key, value]) => (typeof value === 'string' ? [] : [`tags.${key} is ${show(value)}, not a string`]))
        : [`tags is ${show(r.tags)}, not an object`],
  },
  policies: {
    idKind: 'policy',
    list: 'listPolicies',
    get: 'getPolicy',
    listable: (c) => c.policies.list,
    sortValue: (r, field) => (field === 'name' ? text(r.name) : text(r.createdAt)) ?? '',
    enums: {},
    timestamps: ['createdAt?', 'updatedAt?'],
    more: (r) =>
      Array.isArray(r.schedules)
        ? r.schedules.flatMap((s: { frequency?: unknown } | null, i) =>
            oneOf(FREQUENCIES, s?.frequency) ? [] : [`schedules[${i}].frequency ${show(s?.frequency)} is not one of ${FREQUENCIES.join(', ')}`],
          )
        : [`schedules is ${show(r.schedules)}, not an array`],
  },
  recoveryPoints: {
    idKind: 'recoveryPoint',
    list: 'listRecoveryPoints',
    get: 'getRecoveryPoint',
    listable: (c) => c.recoveryPoints.list,
    sortValue: (r, field) => (field === 'name' ? (text(r.resourceName) ?? r.nativeId) : (text(r.createdAt) ?? '')),
    enums: { 'resourceType?': RESOURCE_TYPES, status: RECOVERY_POINT_STATUSES, kind: RECOVERY_POINT_KINDS },
    timestamps: ['createdAt', 'completedAt?', 'expiresAt?'],
  },
  jobs: {
    idKind: 'job',
    list: 'listJobs',
    get: 'getJob',
    listable: (c) => c.jobs.list,
    sortValue: (r, field) => (field === 'name' ? r.nativeId : (text(r.createdAt) ?? text(r.startedAt) ?? '')),
    enums: { type: JOB_TYPES, status: WORK_STATUSES },
    timestamps: ['createdAt?', 'startedAt?', 'endedAt?'],
  },
  vaults: {
    idKind: 'vault',
    list: 'listVaults',
    get: 'getVault',
    listable: (c) => c.vaults.list,
    sortValue: (r, field) => (field === 'name' ? text(r.name) : text(r.createdAt)) ?? '',
    enums: { kind: VAULT_KINDS },
    timestamps: ['createdAt?'],
  },
};

/** The order a list of `kind` must come in: `orderBy`, then nativeId ascending. Plain `<`, no locale. */
export function compareRecords(kind: ListKindName, orderBy: OrderBy): (a: AnyRecord, b: AnyRecord) => number {
  const value = (r: AnyRecord) => LIST_KINDS[kind].sortValue(r, orderBy.field);
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) => (orderBy.direction === 'asc' ? 1 : -1) * cmp(value(a), value(b)) || cmp(a.nativeId, b.nativeId);
}

/** Every adjacent pair of `items` that is not in strictly increasing order. */
export function orderViolations(kind: ListKindName, orderBy: OrderBy, items: AnyRecord[]): string[] {
  const compare = compareRecords(kind, orderBy);
  const label = (r: AnyRecord) => `${show(r.nativeId)} (${show(LIST_KINDS[kind].sortValue(r, orderBy.field))})`;
  return items.slice(1).flatMap((b, i) => (compare(items[i], b) < 0 ? [] : [`${label(items[i])} comes before ${label(b)}`]));
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoTimestamp(value: unknown): boolean {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/** What is wrong with a record's vocabulary: nativeId, enums, timestamps, tags, schedules. */
export function recordViolations(kind: ListKindName, record: AnyRecord): string[] {
  const spec = LIST_KINDS[kind];
  const field = (key: string) => (key.endsWith('?') ? { name: key.slice(0, -1), optional: true } : { name: key, optional: false });
  const problems: string[] = [];
  if (typeof record.nativeId !== 'string' || record.nativeId === '') problems.push(`nativeId is ${show(record.nativeId)}, not a non-empty string`);
  for (const [key, values] of Object.entries(spec.enums)) {
    const { name, optional } = field(key);
    const value = record[name];
    if (!(optional && value === undefined) && !oneOf(values, value)) problems.push(`${name} ${show(value)} is not one of ${values.join(', ')}`);
  }
  for (const key of spec.timestamps) {
    const { name, optional } = field(key);
    const value = record[name];
    if (!(optional && value === undefined) && !isIsoTimestamp(value)) problems.push(`${name} ${show(value)} is not an ISO-8601 timestamp ending in Z or an offset`);
  }
  problems.push(...(spec.more?.(record) ?? []));
  return problems.map((problem) => `${kind} ${show(record.nativeId)}: ${problem}`);
}

/**
 * Runs `fn` (a call into the plugin) and lets only ProblemErrors through: anything else becomes an
 * Error that says so, since the gateway would turn it into a bare `vendor_unavailable`.
 */
export async function onlyProblemErrors<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    const description = error instanceof Error ? `${error.name}: ${error.message}` : show(error);
    throw new Error(`${what} rejected with ${description}; only ProblemErrors may cross the plugin boundary.`, { cause: error });
  }
}

export const MAX_PAGES = 10_000;

export interface Walk<T> {
  pages: Page<T>[];
  items: T[];
}

/**
 * Follows cursors from the first page to the last (the one without a cursor). Fails on a page
 * without an items array, on a cursor that is not a non-empty string, on a cursor seen before,
 * and after `maxPages` pages, so a broken plugin cannot loop forever.
 */
export async function walkList<T>(
  list: (req: ListRequest<Record<string, never>>) => Promise<Page<T>>,
  pageSize: number,
  orderBy: OrderBy,
  maxPages = MAX_PAGES,
): Promise<Walk<T>> {
  const pages: Page<T>[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    if (pages.length >= maxPages) throw new Error(`The list did not end after ${maxPages} pages of ${pageSize}.`);
    const page = await list({ pageSize, cursor, orderBy, filter: {} });
    const at = `Page ${pages.length + 1} (pageSize ${pageSize})`;
    if (!Array.isArray(page?.items)) throw new Error(`${at} has no items array.`);
    if (page.cursor !== undefined && (typeof page.cursor !== 'string' || page.cursor === '')) {
      throw new Error(`${at} has cursor ${show(page.cursor)}; a cursor is a non-empty string, or absent on the last page.`);
    }
    if (page.cursor !== undefined && seen.has(page.cursor)) throw new Error(`${at} repeats cursor ${show(page.cursor)}; the walk would never end.`);
    pages.push(page);
    cursor = page.cursor;
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return { pages, items: pages.flatMap((page) => page.items) };
}

/** Polls until a final status; fails on a status outside WORK_STATUSES or after `attempts` polls. */
export async function pollWork(getWork: () => Promise<WorkState>, attempts = 60, pauseMs = 200): Promise<WorkState> {
  for (let i = 0; i < attempts; i += 1) {
    const state = await getWork();
    if (!oneOf(WORK_STATUSES, state?.status)) throw new Error(`getWork returned status ${show(state?.status)}, not one of ${WORK_STATUSES.join(', ')}.`);
    if (isFinal(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  throw new Error(`The work did not reach a final status after ${attempts} polls.`);
}

/** The middle value of a sorted list of timestamps, a bound that splits a list in two. */
function middleOf(values: unknown[]): string | undefined {
  const times = values.filter((v): v is string => typeof v === 'string').sort();
  return times[Math.floor(times.length / 2)];
}

const firstOf = <T>(values: T[]): T | undefined => values.find((v) => v !== undefined && v !== null);

/**
 * A value for one filter that some listed item matches (taken from the items themselves), or
 * undefined when no item can give one (e.g. no resource belongs to a policy).
 */
export function sampleFilterValue(kind: ListKindName, filter: string, items: AnyRecord[]): unknown {
  const field = (name: string) => items.map((item) => item[name]);
  switch (`${kind}.${filter}`) {
    case 'resources.type':
    case 'jobs.type':
      return firstOf(field('type'));
    case 'resources.name':
    case 'policies.name': {
      const name = firstOf(field('name')) as string | undefined;
      // A middle part in other case: the filter is a case-insensitive substring.
      return name && name.length > 2 ? name.slice(1, -1).toUpperCase() : name;
    }
    case 'resources.protected':
      return items.some((item) => (item.policyNativeIds as unknown[] | undefined)?.length) ? true : items.length > 0 ? false : undefined;
    case 'resources.policyNativeId':
      return firstOf(items.flatMap((item) => (item.policyNativeIds as string[] | undefined) ?? []));
    case 'policies.enabled':
      return firstOf(field('enabled'));
    case 'policies.resourceNativeId':
      return firstOf(items.flatMap((item) => (item.resourceNativeIds as string[] | undefined) ?? []));
    case 'recoveryPoints.resourceNativeId':
    case 'jobs.resourceNativeId':
      return firstOf(field('resourceNativeId'));
    case 'recoveryPoints.policyNativeId':
    case 'jobs.policyNativeId':
      return firstOf(field('policyNativeId'));
    case 'recoveryPoints.status':
    case 'jobs.status':
      return firstOf(field('status'));
    case 'recoveryPoints.createdAfter':
    case 'recoveryPoints.createdBefore':
      return middleOf(field('createdAt'));
    case 'jobs.startedAfter':
      return middleOf(field('startedAt'));
    default:
      return undefined;
  }
}
