import type { PolicyRecord } from '@backbridge/core';
import { LIST_FILTER_MATCHERS, orderKeyOf, type ListRequest, type Page, type PolicyFilter } from '@backbridge/plugin-sdk';
import type { CpmClient } from '../client/cpm-client';
import type { CpmPolicy } from '../dto/cpm-dto';
import { FAMILIES } from '../mappers/cpm-ids';
import { decodeCursor, encodeCursor } from './list-cursor';
import { isMergeCursor, mergeSorted, type MergeCursor, type SortedSource } from './sorted-merge';

/** Vendor calls a page may make: its list reads and each listed policy's schedules and targets. */
const MAX_CALLS = 400;

/**
 * Policies by name come a page at a time from CPM's `ordering=±name` (names are unique in CPM, and
 * hold only letters, digits, `_` and `-`); the name filter goes to CPM's `search` (name, description,
 * schedule names: more than the filter, which is applied again). Only the policies a page shows are
 * completed with their schedules and targets. CPM keeps no creation time, so by createdAt every
 * policy ties and the order is by id, which CPM cannot sort by: the policy list (bare policies) is
 * read whole then, and still only the page's policies completed.
 */
export async function listPolicies(client: CpmClient, req: ListRequest<PolicyFilter>, complete: (policy: CpmPolicy) => Promise<PolicyRecord>): Promise<Page<PolicyRecord>> {
  const { filter } = req;
  const byName = req.orderBy.field === 'name';
  const nameOf = (policy: CpmPolicy) => policy.name ?? String(policy.id);
  const ordering = byName && req.orderBy.direction === 'desc' ? '-name' : 'name';
  const query = { ordering, ...(filter.name ? { search: filter.name } : {}) };
  const source: SortedSource<CpmPolicy, PolicyRecord> = {
    readPage: (page, size) => client.listPage<CpmPolicy>('api/policies/', query, page, size, 'listPolicies'),
    key: (policy) => (byName ? nameOf(policy) : ''),
    block: (policy) => ({ first: String(policy.id), last: String(policy.id) }),
    mayMatch: (policy) =>
      (filter.enabled === undefined || (policy.enabled ?? true) === filter.enabled) &&
      (filter.name === undefined || nameOf(policy).toLowerCase().includes(filter.name.toLowerCase())),
    beyond: () => false,
    expand: async (policy) => [await complete(policy)],
    expandCalls: (policy) => FAMILIES.length + (policy.schedules?.length ?? 0),
  };
  const tag = `policies ${orderKeyOf(req.orderBy)}`;
  const cursor = decodeCursor<MergeCursor>(tag, req.cursor, (state) => isMergeCursor(state, 1));
  const page = await mergeSorted([source], cursor, {
    pageSize: req.pageSize,
    direction: req.orderBy.direction,
    readSize: Math.min(500, Math.max(20, req.pageSize + 1)),
    accept: (policy) => LIST_FILTER_MATCHERS.policies(policy, filter),
    maxCalls: MAX_CALLS,
  });
  return { items: page.items, ...(page.cursor && { cursor: encodeCursor(tag, page.cursor) }) };
}
