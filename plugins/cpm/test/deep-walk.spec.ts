import type { JobRecord, OrderBy, RecoveryPointRecord } from '@backbridge/core';
import { LIST_FILTER_MATCHERS, type JobFilter, type ListRequest, type Page, type ProviderSession, type RecoveryPointFilter } from '@backbridge/plugin-sdk';
import { orderViolations, type AnyRecord } from '@backbridge/plugin-sdk/conformance';
import { cpmPlugin } from '../src';
import { cpmEmulator, type RunningCpmEmulator } from '../emulator';
import { cpmConnection } from './cpm-connection';

/**
 * Recovery points and jobs walked deep, over real HTTP, against emulators seeded with extra runs
 * (`extraRecoveryPoints`): every streamed order gives the same items in the same order whatever the
 * page size, one page reads a bounded number of CPM calls however long the list, and every pushed
 * filter keeps exactly the items the unified predicate keeps.
 */

const STREAMED: OrderBy[] = [
  { field: 'createdAt', direction: 'desc' },
  { field: 'createdAt', direction: 'asc' },
];
const BY_NAME: OrderBy = { field: 'name', direction: 'asc' };

interface Deep {
  emulator: RunningCpmEmulator;
  session: ProviderSession;
  calls: { count: number };
}

async function start(extraRecoveryPoints: number): Promise<Deep> {
  const emulator = await cpmEmulator.start({ extraRecoveryPoints });
  const calls = { count: 0 };
  const session = await cpmPlugin.connect({ ...cpmConnection(emulator), observeVendorCall: () => void (calls.count += 1) });
  return { emulator, session, calls };
}

type Lister<T, F> = (req: ListRequest<F>) => Promise<Page<T>>;

async function walk<T extends { nativeId: string }, F>(list: Lister<T, F>, pageSize: number, orderBy: OrderBy, filter = {} as F): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100_000; pages++) {
    const page = await list({ pageSize, orderBy, filter, cursor });
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor === undefined) return items;
  }
  throw new Error('the walk did not end');
}

/** Vendor calls made by the page of `pageSize` that starts `share` of the way into the walk. */
async function callsOfDeepPage<T extends { nativeId: string }, F>(deep: Deep, list: Lister<T, F>, total: number, orderBy: OrderBy, pageSize = 50, share = 0.8): Promise<number> {
  let cursor: string | undefined;
  let seen = 0;
  while (seen < total * share) {
    const page = await list({ pageSize, orderBy, filter: {} as F, cursor });
    seen += page.items.length;
    cursor = page.cursor;
    if (!cursor) throw new Error('the walk ended before the deep page');
  }
  const before = deep.calls.count;
  const page = await list({ pageSize, orderBy, filter: {} as F, cursor });
  expect(page.items.length).toBeGreaterThan(0);
  return deep.calls.count - before;
}

const ids = (items: { nativeId: string }[]) => items.map((item) => item.nativeId);
const backupOf = (point: { nativeId: string }) => point.nativeId.split('/')[0];

/** The reference list in the gateway's order: sort value, then nativeId ascending (plain string order). */
function inOrder<T extends { nativeId: string; createdAt?: string; startedAt?: string }>(items: T[], orderBy: OrderBy): T[] {
  const value = (item: T) => item.createdAt ?? item.startedAt ?? '';
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...items].sort((a, b) => (orderBy.direction === 'asc' ? 1 : -1) * cmp(value(a), value(b)) || cmp(a.nativeId, b.nativeId));
}

describe('deep CPM lists (extra recovery points)', () => {
  const SMALL = 500;
  const LARGE = 2000;
  let small: Deep;
  let large: Deep;
  let points: { small: RecoveryPointRecord[]; large: RecoveryPointRecord[] };
  let jobs: { small: JobRecord[]; large: JobRecord[] };

  beforeAll(async () => {
    [small, large] = await Promise.all([start(SMALL), start(LARGE)]);
    // The references: the orders CPM cannot serve read every run whole (a different code path).
    const listPoints = (d: Deep) => walk<RecoveryPointRecord, RecoveryPointFilter>((req) => d.session.listRecoveryPoints!(req), 500, BY_NAME);
    const listJobs = (d: Deep) => walk<JobRecord, JobFilter>((req) => d.session.listJobs!(req), 500, BY_NAME);
    points = { small: await listPoints(small), large: await listPoints(large) };
    jobs = { small: await listJobs(small), large: await listJobs(large) };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([small?.emulator.stop(), large?.emulator.stop()]);
  });

  it('holds the seeded recovery points plus the extra ones', () => {
    expect(points.large.length - points.small.length).toBe(LARGE - SMALL);
    expect(new Set(ids(points.large)).size).toBe(points.large.length);
  });

  describe('listRecoveryPoints', () => {
    for (const orderBy of STREAMED) {
      const order = `${orderBy.field} ${orderBy.direction}`;
      it(`walks ${order} with pages of 7 and of 500 to the same items in the same order, each once, all of them`, async () => {
        const bySeven = await walk<RecoveryPointRecord, RecoveryPointFilter>((req) => large.session.listRecoveryPoints!(req), 7, orderBy);
        const byFiveHundred = await walk<RecoveryPointRecord, RecoveryPointFilter>((req) => large.session.listRecoveryPoints!(req), 500, orderBy);
        expect(ids(bySeven)).toEqual(ids(byFiveHundred));
        expect(new Set(ids(bySeven)).size).toBe(bySeven.length);
        expect(orderViolations('recoveryPoints', orderBy, bySeven as unknown as AnyRecord[])).toEqual([]);
        expect(ids(bySeven)).toEqual(ids(inOrder(points.large, orderBy)));
      }, 120_000);
    }

    it('breaks ties between runs that started together by nativeId as a string (backup "10/" before "9/")', () => {
      const byTime = new Map<string, Set<string>>();
      for (const point of points.large) byTime.set(point.createdAt, (byTime.get(point.createdAt) ?? new Set()).add(backupOf(point)));
      const shared = [...byTime.values()].filter((backups) => backups.size > 1).map((backups) => [...backups]);
      // Every fourth pair of extra runs (about 5.5 points each) starts at the same moment.
      expect(shared.length).toBeGreaterThan(LARGE / 60);
      // Some tie where string and number order differ, so the order check above proves the string tie-break.
      expect(shared.some((backups) => backups.some((a) => backups.some((b) => a < b && Number(a) > Number(b))))).toBe(true);
    });

    it.each(STREAMED)('reads a bounded number of CPM calls for a page of 50 deep in the walk, the same for 500 and 2000 extra points ($field $direction)', async (orderBy) => {
      const fewer = await callsOfDeepPage(small, (req) => small.session.listRecoveryPoints!(req as ListRequest<RecoveryPointFilter>), points.small.length, orderBy);
      const more = await callsOfDeepPage(large, (req) => large.session.listRecoveryPoints!(req as ListRequest<RecoveryPointFilter>), points.large.length, orderBy);
      // One or two reads of backup records, and the seven snapshot lists of the ~10 runs the page shows.
      expect(fewer).toBeLessThanOrEqual(2 + 7 * 12);
      expect(more).toBeLessThanOrEqual(2 + 7 * 12);
      expect(Math.abs(more - fewer)).toBeLessThanOrEqual(7);
    }, 60_000);

    const sample = (): RecoveryPointFilter[] => {
      const all = points.small;
      const times = [...new Set(all.map((p) => p.createdAt))].sort();
      const middle = times[Math.floor(times.length / 2)];
      const instance = all.find((p) => p.resourceType === 'vm')!.resourceNativeId;
      const volume = all.find((p) => p.resourceType === 'volume')!.resourceNativeId;
      return [
        { resourceNativeId: instance },
        { resourceNativeId: volume },
        { policyNativeId: '2' },
        { status: 'available' },
        { status: 'expired' },
        { status: 'failed' },
        { status: 'creating' },
        { createdAfter: middle },
        { createdBefore: middle },
        { createdAfter: times[3], createdBefore: times[10], policyNativeId: '1' },
      ];
    };

    it('keeps exactly the recovery points each pushed filter matches, in both streamed orders', async () => {
      for (const filter of sample()) {
        for (const orderBy of STREAMED) {
          const listed = await walk<RecoveryPointRecord, RecoveryPointFilter>((req) => small.session.listRecoveryPoints!(req), 50, orderBy, filter);
          const expected = inOrder(
            points.small.filter((p) => LIST_FILTER_MATCHERS.recoveryPoints(p, filter)),
            orderBy,
          );
          expect({ filter, orderBy, ids: ids(listed) }).toEqual({ filter, orderBy, ids: ids(expected) });
        }
      }
    }, 120_000);
  });

  describe('listJobs', () => {
    it('has a job per backup record, growing with the recovery points', () => {
      expect(jobs.large.length).toBeGreaterThan(jobs.small.length + 200);
    });

    for (const orderBy of STREAMED) {
      const order = `${orderBy.field} ${orderBy.direction}`;
      it(`walks ${order} with pages of 7 and of 500 to the same jobs in the same order, each once, all of them`, async () => {
        const bySeven = await walk<JobRecord, JobFilter>((req) => large.session.listJobs!(req), 7, orderBy);
        const byFiveHundred = await walk<JobRecord, JobFilter>((req) => large.session.listJobs!(req), 500, orderBy);
        expect(ids(bySeven)).toEqual(ids(byFiveHundred));
        expect(orderViolations('jobs', orderBy, bySeven as unknown as AnyRecord[])).toEqual([]);
        expect(ids(bySeven)).toEqual(ids(inOrder(jobs.large, orderBy)));
      }, 60_000);
    }

    it.each(STREAMED)('reads a few CPM calls for a page of 50 deep in the walk, the same for 500 and 2000 extra points ($field $direction)', async (orderBy) => {
      const fewer = await callsOfDeepPage(small, (req) => small.session.listJobs!(req as ListRequest<JobFilter>), jobs.small.length, orderBy);
      const more = await callsOfDeepPage(large, (req) => large.session.listJobs!(req as ListRequest<JobFilter>), jobs.large.length, orderBy);
      // A page of backup records and one of recoveries (two when the item before the offset is on the previous page).
      expect(fewer).toBeLessThanOrEqual(4);
      expect(more).toBeLessThanOrEqual(4);
    }, 60_000);

    it('keeps exactly the jobs each pushed filter matches, in both streamed orders', async () => {
      const all = jobs.small;
      const times = [...new Set(all.map((j) => j.startedAt!))].sort();
      const restored = all.find((j) => j.type === 'restore' && j.resourceNativeId)!.resourceNativeId!;
      const filters: JobFilter[] = [
        { type: 'backup' },
        { type: 'restore' },
        { status: 'succeeded' },
        { status: 'failed' },
        { status: 'partially_succeeded' },
        { policyNativeId: '2' },
        { resourceNativeId: restored },
        { startedAfter: times[Math.floor(times.length / 2)] },
        { type: 'backup', policyNativeId: '1', startedAfter: times[5] },
      ];
      for (const filter of filters) {
        for (const orderBy of STREAMED) {
          const listed = await walk<JobRecord, JobFilter>((req) => small.session.listJobs!(req), 50, orderBy, filter);
          const expected = inOrder(
            all.filter((j) => LIST_FILTER_MATCHERS.jobs(j, filter)),
            orderBy,
          );
          expect({ filter, orderBy, ids: ids(listed) }).toEqual({ filter, orderBy, ids: ids(expected) });
        }
      }
    }, 60_000);
  });
});
