import type { JobRecord, OrderBy, PolicyRecord, RecoveryPointRecord, ResourceRecord, VaultRecord } from '@backbridge/core';
import type { JobFilter, PolicyFilter, RecoveryPointFilter, ResourceFilter, VaultFilter } from './session';

/** An order as the API spells it in `orderBy`. */
export type OrderKey = `${OrderBy['field']} ${OrderBy['direction']}`;

export const ORDER_KEYS: readonly OrderKey[] = ['createdAt asc', 'createdAt desc', 'name asc', 'name desc'];

export function orderKeyOf(orderBy: OrderBy): OrderKey {
  return `${orderBy.field} ${orderBy.direction}`;
}

/** What a plugin's list of one kind does itself, so the gateway knows what is left to it. */
export interface ListDeclaration<F> {
  /**
   * Filters every returned item already satisfies, because the plugin sent them in the vendor's
   * query (or applied them to each vendor page on the way). The gateway applies the others.
   * The conformance suite lists with each of them and checks every item it gets back.
   */
  pushedFilters: (keyof F & string)[];
  /**
   * Orders the plugin streams in bounded memory: each page reads about one vendor page per
   * vendor list it merges, never the whole list. Other orders are still served, correctly, but
   * read the vendor's whole list for every page.
   */
  streamedOrders: OrderKey[];
}

export interface ListingDeclarations {
  resources: ListDeclaration<ResourceFilter>;
  policies: ListDeclaration<PolicyFilter>;
  recoveryPoints: ListDeclaration<RecoveryPointFilter>;
  jobs: ListDeclaration<JobFilter>;
  vaults: ListDeclaration<VaultFilter>;
}

/** Nothing pushed, nothing streamed: always true, and what a plugin without a list declares. */
export function nothingPushedDown<F>(): ListDeclaration<F> {
  return { pushedFilters: [], streamedOrders: [] };
}

const after = (value: string | undefined, bound: string) => value !== undefined && Date.parse(value) >= Date.parse(bound);

/**
 * The unified meaning of every list filter, one predicate per kind. The gateway applies them to
 * what the plugins did not push down; the conformance suite holds pushed-down filters to them.
 */
export const LIST_FILTER_MATCHERS = {
  resources: (r: ResourceRecord, f: ResourceFilter): boolean =>
    (f.type === undefined || r.type === f.type) &&
    (f.name === undefined || r.name.toLowerCase().includes(f.name.toLowerCase())) &&
    (f.protected === undefined || r.policyNativeIds.length > 0 === f.protected) &&
    (f.policyNativeId === undefined || r.policyNativeIds.includes(f.policyNativeId)),
  policies: (p: PolicyRecord, f: PolicyFilter): boolean =>
    (f.name === undefined || p.name.toLowerCase().includes(f.name.toLowerCase())) &&
    (f.enabled === undefined || p.enabled === f.enabled) &&
    (f.resourceNativeId === undefined || p.resourceNativeIds.includes(f.resourceNativeId)),
  recoveryPoints: (r: RecoveryPointRecord, f: RecoveryPointFilter): boolean =>
    (f.resourceNativeId === undefined || r.resourceNativeId === f.resourceNativeId) &&
    (f.policyNativeId === undefined || r.policyNativeId === f.policyNativeId) &&
    (f.status === undefined || r.status === f.status) &&
    (f.createdAfter === undefined || after(r.createdAt, f.createdAfter)) &&
    (f.createdBefore === undefined || Date.parse(r.createdAt) < Date.parse(f.createdBefore)),
  jobs: (j: JobRecord, f: JobFilter): boolean =>
    (f.type === undefined || j.type === f.type) &&
    (f.status === undefined || j.status === f.status) &&
    (f.resourceNativeId === undefined || j.resourceNativeId === f.resourceNativeId) &&
    (f.policyNativeId === undefined || j.policyNativeId === f.policyNativeId) &&
    (f.startedAfter === undefined || after(j.startedAt, f.startedAfter)),
  vaults: (_v: VaultRecord, _f: VaultFilter): boolean => true,
};

/** The part of a filter the gateway still has to apply: what the plugin did not push down. */
export function filterLeftToGateway<F extends object>(filter: F, declaration: ListDeclaration<F>): F {
  const pushed = new Set<string>(declaration.pushedFilters);
  return Object.fromEntries(Object.entries(filter).filter(([key, value]) => value !== undefined && !pushed.has(key))) as F;
}

/** Every list with nothing pushed down or streamed: the safe declaration to start from. */
export function nothingPushedDownAnywhere(): ListingDeclarations {
  return { resources: nothingPushedDown(), policies: nothingPushedDown(), recoveryPoints: nothingPushedDown(), jobs: nothingPushedDown(), vaults: nothingPushedDown() };
}
