import { randomUUID } from 'node:crypto';
import type { JobRecord, OrderBy, RecoveryPointRecord } from '@backbridge/core';
import type { RunningEmulator } from '@backbridge/emulator-kit';
import { LIST_FILTER_MATCHERS, silentLogger, type ConnectionContext, type JobFilter, type ListRequest, type Page, type ProviderSession, type RecoveryPointFilter } from '@backbridge/plugin-sdk';
import { orderViolations, sampleFilterValue, type AnyRecord } from '@backbridge/plugin-sdk/conformance';
import { ibmBackupRecoveryEmulator } from '../emulator';
import { ibmBackupRecoveryPlugin } from '../src';
import { IbmClient } from '../src/client/ibm-client';

const NEWEST_FIRST: OrderBy = { field: 'createdAt', direction: 'desc' };
const GROUP_DATABASES = '5901263190628181:1725393921826:102';

/** An emulator with extra recovery points, a session of the plugin on it, and the vendor calls the session makes. */
interface Bulk {
  extra: number;
  emulator: RunningEmulator;
  session: ProviderSession;
  client: IbmClient;
  calls: { count: number };
}

async function startBulk(extra: number): Promise<Bulk> {
  const emulator = await ibmBackupRecoveryEmulator.start({ extraRecoveryPoints: extra, timeScale: 0.01 });
  const calls = { count: 0 };
  const context: ConnectionContext = {
    id: randomUUID(),
    name: `deep-walk-${extra}`,
    endpoint: emulator.endpoint,
    config: emulator.config,
    credentials: emulator.credentials,
    logger: silentLogger,
    observeVendorCall: () => (calls.count += 1),
  };
  const settings = { endpoint: emulator.endpoint, tenantId: String(emulator.config.tenantId), iamUrl: String(emulator.config.iamUrl), apiKey: String(emulator.credentials.apiKey) };
  return { extra, emulator, session: await ibmBackupRecoveryPlugin.connect(context), client: new IbmClient({ ...context, observeVendorCall: undefined }, settings), calls };
}

type Lister<F, R> = (req: ListRequest<F>) => Promise<Page<R>>;

/** Every page of a list from the first to the last, with the cursor that led to each. */
async function walk<F, R extends { nativeId: string }>(list: Lister<F, R>, pageSize: number, orderBy: OrderBy, filter: F): Promise<{ items: R[]; cursors: (string | undefined)[] }> {
  const items: R[] = [];
  const cursors: (string | undefined)[] = [];
  let cursor: string | undefined;
  do {
    cursors.push(cursor);
    const page = await list({ pageSize, cursor, orderBy, filter });
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined && cursors.length < 100_000);
  return { items, cursors };
}

const ids = (items: { nativeId: string }[]) => items.map((i) => i.nativeId);
const points = (bulk: Bulk): Lister<RecoveryPointFilter, RecoveryPointRecord> => (req) => bulk.session.listRecoveryPoints!(req);
const jobs = (bulk: Bulk): Lister<JobFilter, JobRecord> => (req) => bulk.session.listJobs!(req);

/** The vendor calls one page of 50 costs, halfway through a newest-first walk. */
async function callsForOnePageDeep<F, R extends { nativeId: string }>(bulk: Bulk, list: Lister<F, R>, filter: F): Promise<number> {
  const { cursors } = await walk(list, 50, NEWEST_FIRST, filter);
  const deep = cursors[Math.floor(cursors.length / 2)];
  expect(deep).toEqual(expect.any(String));
  const before = bulk.calls.count;
  const page = await list({ pageSize: 50, cursor: deep, orderBy: NEWEST_FIRST, filter });
  expect(page.items).toHaveLength(50);
  return bulk.calls.count - before;
}

/** What IBM holds, read per object (`objects/{id}/snapshots`) and per group (`runs`) with the plain client. */
async function heldByVendor(client: IbmClient): Promise<{ snapshots: number; runs: number; recoveries: number }> {
  const objects = await client.searchObjects();
  const perObject = await Promise.all(objects.map(async (o) => (await client.objectSnapshots(String(o.id), { fromTimeUsecs: 1 })).length));
  const groups = [...(await client.listGroups()), ...(await client.listGroups({ isDeleted: true }))];
  const perGroup = await Promise.all(groups.map(async (g) => (await client.listRuns(g.id!)).length));
  const recoveries = await client.listRecoveries({ startTimeUsecs: 1 });
  return { snapshots: perObject.reduce((a, b) => a + b, 0), runs: perGroup.reduce((a, b) => a + b, 0), recoveries: recoveries.length };
}

describe('deep walks over an emulator with extra recovery points', () => {
  let small: Bulk;
  let large: Bulk;

  beforeAll(async () => {
    [small, large] = await Promise.all([startBulk(500), startBulk(2000)]);
  });
  afterAll(async () => {
    await Promise.all([small?.emulator.stop(), large?.emulator.stop()]);
  });

  describe('recovery points', () => {
    it('walks newest first with page sizes 7 and 500 to the same items in the same order, each once, all the emulator holds', async () => {
      const held = await heldByVendor(large.client);
      const heldSmall = await heldByVendor(small.client);
      expect(held.snapshots - heldSmall.snapshots).toBe(1500);

      const by7 = (await walk(points(large), 7, NEWEST_FIRST, {})).items;
      const by500 = (await walk(points(large), 500, NEWEST_FIRST, {})).items;
      expect(ids(by7)).toEqual(ids(by500));
      expect(new Set(ids(by500)).size).toBe(by500.length);
      expect(by500).toHaveLength(held.snapshots);
      expect(orderViolations('recoveryPoints', NEWEST_FIRST, by500 as unknown as AnyRecord[])).toEqual([]);
      // Equal timestamps of different groups are in the walk, by nativeId.
      const ties = by500.filter((p, i) => i > 0 && p.createdAt === by500[i - 1].createdAt && p.policyNativeId !== by500[i - 1].policyNativeId);
      expect(ties.length).toBeGreaterThan(100);
    }, 120_000);

    it('lists the same items in the orders it reads whole', async () => {
      const newest = ids((await walk(points(large), 500, NEWEST_FIRST, {})).items).sort();
      for (const orderBy of [
        { field: 'name', direction: 'asc' },
        { field: 'createdAt', direction: 'asc' },
      ] as OrderBy[]) {
        const walked = (await walk(points(large), 500, orderBy, {})).items;
        expect(orderViolations('recoveryPoints', orderBy, walked as unknown as AnyRecord[])).toEqual([]);
        expect(ids(walked).sort()).toEqual(newest);
      }
    }, 120_000);

    it('reads a few vendor pages for one page of 50 deep in the walk, however many points there are', async () => {
      const [few, many] = [await callsForOnePageDeep(small, points(small), {}), await callsForOnePageDeep(large, points(large), {})];
      // Two group lists (live and deleted) and about one runs page per group.
      expect(many).toBeLessThanOrEqual(6);
      expect(many).toBeLessThanOrEqual(few + 1);
    }, 120_000);

    it('returns only matching items for each pushed-down filter, and every one of them', async () => {
      const all = (await walk(points(large), 500, NEWEST_FIRST, {})).items;
      const samples: RecoveryPointFilter[] = [{ resourceNativeId: '14' }, { resourceNativeId: '22', policyNativeId: GROUP_DATABASES }];
      for (const filter of ibmBackupRecoveryPlugin.capabilities.listing.recoveryPoints.pushedFilters) {
        samples.push({ [filter]: sampleFilterValue('recoveryPoints', filter, all as unknown as AnyRecord[]) });
      }
      for (const filter of samples) {
        const matching = all.filter((p) => LIST_FILTER_MATCHERS.recoveryPoints(p, filter));
        const listed = (await walk(points(large), 50, NEWEST_FIRST, filter)).items;
        expect({ filter, ids: ids(listed) }).toEqual({ filter, ids: ids(matching) });
        expect(matching.length).toBeGreaterThan(0);
      }
    }, 120_000);
  });

  describe('jobs', () => {
    it('walks newest first with page sizes 7 and 500 to the same jobs, each once: every run and recovery', async () => {
      const held = await heldByVendor(large.client);
      const by7 = (await walk(jobs(large), 7, NEWEST_FIRST, {})).items;
      const by500 = (await walk(jobs(large), 500, NEWEST_FIRST, {})).items;
      expect(ids(by7)).toEqual(ids(by500));
      expect(new Set(ids(by500)).size).toBe(by500.length);
      expect(by500).toHaveLength(held.runs + held.recoveries);
      expect(orderViolations('jobs', NEWEST_FIRST, by500 as unknown as AnyRecord[])).toEqual([]);
      const byName = (await walk(jobs(large), 500, { field: 'name', direction: 'asc' }, {})).items;
      expect(ids(byName)).toEqual(ids(by500).sort());
    }, 120_000);

    it('reads a few vendor pages for one page of 50 deep in the walk, however many runs there are', async () => {
      const [few, many] = [await callsForOnePageDeep(small, jobs(small), {}), await callsForOnePageDeep(large, jobs(large), {})];
      expect(many).toBeLessThanOrEqual(6);
      expect(many).toBeLessThanOrEqual(few + 1);
    }, 120_000);

    it('returns only matching jobs for each pushed-down filter, and every one of them', async () => {
      const all = (await walk(jobs(large), 500, NEWEST_FIRST, {})).items;
      const samples: JobFilter[] = [{ type: 'restore' }, { status: 'failed' }, { status: 'partially_succeeded' }, { status: 'running' }, { resourceNativeId: '11' }];
      for (const filter of ibmBackupRecoveryPlugin.capabilities.listing.jobs.pushedFilters) {
        samples.push({ [filter]: sampleFilterValue('jobs', filter, all as unknown as AnyRecord[]) });
      }
      for (const filter of samples) {
        const matching = all.filter((j) => LIST_FILTER_MATCHERS.jobs(j, filter));
        const listed = (await walk(jobs(large), 50, NEWEST_FIRST, filter)).items;
        expect({ filter, ids: ids(listed) }).toEqual({ filter, ids: ids(matching) });
      }
    }, 120_000);
  });

  describe('a deleted protection group', () => {
    it('still lists the points and runs it kept (IBM lists it with isDeleted=true)', async () => {
      const before = (await walk(points(small), 500, NEWEST_FIRST, {})).items;
      const ofGroup = before.filter((p) => p.policyNativeId === GROUP_DATABASES);
      expect(ofGroup.length).toBeGreaterThan(0);
      const jobsBefore = (await walk(jobs(small), 500, NEWEST_FIRST, { policyNativeId: GROUP_DATABASES })).items;

      await small.session.deletePolicy!({ nativeId: GROUP_DATABASES, deleteRecoveryPoints: false });
      await expect(small.session.getPolicy!({ nativeId: GROUP_DATABASES })).rejects.toMatchObject({ code: 'not_found' });

      expect(ids((await walk(points(small), 500, NEWEST_FIRST, {})).items)).toEqual(ids(before));
      expect(ids((await walk(points(small), 50, NEWEST_FIRST, { policyNativeId: GROUP_DATABASES })).items)).toEqual(ids(ofGroup));
      expect(ids((await walk(jobs(small), 50, NEWEST_FIRST, { policyNativeId: GROUP_DATABASES })).items)).toEqual(ids(jobsBefore));
      const point = await small.session.getRecoveryPoint!({ nativeId: ofGroup[0].nativeId });
      expect(point.policyNativeId).toBe(GROUP_DATABASES);
    }, 120_000);
  });
});
