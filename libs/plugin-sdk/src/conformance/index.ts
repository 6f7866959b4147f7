/**
 * # Backbridge plugin conformance suite
 *
 * Proves that a plugin keeps the SDK contract: identity, truthful capabilities, paging and
 * ordering, get-by-id round trips, unified vocabulary only, and typed errors. Call it at the top
 * level of a jest spec in the plugin's own repository:
 *
 * ```ts
 * // test/my-vendor.conformance.spec.ts
 * import { randomUUID } from 'node:crypto';
 * import { silentLogger, type ConnectionContext } from '@backbridge/plugin-sdk';
 * import { runConformanceSuite } from '@backbridge/plugin-sdk/conformance';
 * import { myVendorPlugin } from '../src';
 * import { startEmulator } from '../emulator';
 *
 * const context = (endpoint: string, token: string): ConnectionContext => ({
 *   id: randomUUID(), name: 'conformance', endpoint, config: {}, credentials: { type: 'token', token }, logger: silentLogger,
 * });
 *
 * runConformanceSuite({
 *   plugin: myVendorPlugin,
 *   async connect() {
 *     const emulator = await startEmulator();
 *     return { connection: context(emulator.url, emulator.token), stop: () => emulator.stop() };
 *   },
 *   async badCredentials() {
 *     const emulator = await startEmulator();
 *     return { connection: context(emulator.url, 'not-the-token'), stop: () => emulator.stop() };
 *   },
 *   missingIds: { resource: 'i-0000000000000000' }, // when a random string would not look like a vendor id
 *   exerciseWork: true, // also starts one backup and polls it to the end (mutates the emulator)
 * });
 * ```
 *
 * Only reads from the vendor unless `exerciseWork` is set. Cases for a capability the plugin does
 * not declare are reported as skipped.
 */
import { ProblemError, WORK_STATUSES, isFinal, type OrderBy } from '@backbridge/core';
import { SDK_CONTRACT_VERSION, type BackupProviderPlugin, type ConnectionContext } from '../plugin';
import type { Capabilities } from '../capabilities';
import { LIST_FILTER_MATCHERS, ORDER_KEYS } from '../listing';
import type { Page, ProviderSession, StartedWork, WorkState } from '../session';
import {
  LIST_KINDS,
  onlyProblemErrors,
  orderViolations,
  pollWork,
  recordViolations,
  sampleFilterValue,
  walkList,
  type AnyRecord,
  type IdKind,
  type ListKindName,
} from './helpers';

export * from './helpers';

export interface ConformanceTarget {
  connection: ConnectionContext;
  stop(): Promise<void>;
}

export interface ConformanceOptions {
  plugin: BackupProviderPlugin;
  /** Starts the plugin's emulator (or whatever backs it) and returns a ConnectionContext for it, plus a stop function. Called in beforeAll. */
  connect(): Promise<ConformanceTarget>;
  /** A connection whose credentials the vendor refuses (for the auth error case). Optional. */
  badCredentials?(): Promise<ConformanceTarget>;
  /** A native id that does not exist at the vendor, per kind; defaults to a random string. */
  missingIds?: Partial<Record<IdKind, string>>;
  /** Default [1, 2, 7]. */
  pageSizes?: number[];
  /** Start a backup of the first resource and poll it to a final status. Default false. */
  exerciseWork?: boolean;
  /** Per test (and beforeAll) timeout in milliseconds. Default 60000. */
  timeoutMs?: number;
}

/** Each capability flag and the session methods it promises; a method must exist iff any flag naming it is true. */
export const CAPABILITY_METHODS: [flag: string, enabled: (c: Capabilities) => boolean, methods: (keyof ProviderSession)[]][] = [
  ['resources.list', (c) => c.resources.list, ['listResources', 'getResource']],
  ['policies.list', (c) => c.policies.list, ['listPolicies', 'getPolicy']],
  ['policies.create', (c) => c.policies.create, ['createPolicy']],
  ['policies.update', (c) => c.policies.update, ['updatePolicy']],
  ['policies.delete', (c) => c.policies.delete, ['deletePolicy']],
  ['policies.run', (c) => c.policies.run, ['runPolicy']],
  ['backups.onDemand', (c) => c.backups.onDemand, ['startBackup', 'getWork']],
  ['recoveryPoints.list', (c) => c.recoveryPoints.list, ['listRecoveryPoints', 'getRecoveryPoint']],
  ['recoveryPoints.delete', (c) => c.recoveryPoints.delete, ['deleteRecoveryPoint']],
  ['restores.original || restores.alternate', (c) => c.restores.original || c.restores.alternate, ['startRestore', 'getWork']],
  ['jobs.list', (c) => c.jobs.list, ['listJobs', 'getJob']],
  ['jobs.cancel', (c) => c.jobs.cancel, ['cancelWork']],
  ['vaults.list', (c) => c.vaults.list, ['listVaults', 'getVault']],
];

/** The default orders first (itemsOf walks ORDERS[0]); every key both ways. */
const ORDERS: OrderBy[] = [
  { field: 'name', direction: 'asc' },
  { field: 'createdAt', direction: 'desc' },
  { field: 'name', direction: 'desc' },
  { field: 'createdAt', direction: 'asc' },
];
const ROUND_TRIPS = 3;

/** The record as the gateway exposes it: everything but the vendor's raw `native`. */
const unified = ({ native: _native, ...rest }: AnyRecord) => rest;

/** The ProblemError `promise` rejects with; fails if it resolves (other errors are already worded by `call`). */
async function rejection(what: string, promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error(`${what} resolved; it should have rejected.`);
}

export function runConformanceSuite(options: ConformanceOptions): void {
  const { plugin } = options;
  const caps = plugin.capabilities;
  const pageSizes = options.pageSizes ?? [1, 2, 7];
  const timeout = options.timeoutMs ?? 60_000;
  let target: ConformanceTarget | undefined;
  let session: ProviderSession;

  /** Calls a session method, letting only ProblemErrors through. */
  const call = async <T>(method: keyof ProviderSession, arg?: unknown): Promise<T> => {
    const fn = session[method] as unknown as ((arg: unknown) => Promise<T>) | undefined;
    if (typeof fn !== 'function') throw new Error(`The session has no ${method}().`);
    return onlyProblemErrors(`${plugin.id} ${method}()`, () => fn.call(session, arg));
  };

  const walks = new Map<ListKindName, Promise<AnyRecord[]>>();
  /** All items of a kind (name ascending), fetched once. */
  const itemsOf = (kind: ListKindName): Promise<AnyRecord[]> => {
    if (!walks.has(kind)) walks.set(kind, walkList((req) => call<Page<AnyRecord>>(LIST_KINDS[kind].list, req), 100, ORDERS[0]).then((w) => w.items));
    return walks.get(kind)!;
  };

  describe(`plugin '${plugin.id}' conformance`, () => {
    beforeAll(async () => {
      target = await options.connect();
      session = await onlyProblemErrors(`${plugin.id} connect()`, () => plugin.connect(target!.connection));
    }, timeout);

    afterAll(async () => {
      await session?.close?.();
      await target?.stop();
    }, timeout);

    describe('identity', () => {
      it('has a kebab-case id', () => expect(plugin.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
      it(`speaks SDK contract version ${SDK_CONTRACT_VERSION}`, () => expect(plugin.sdkVersion).toBe(SDK_CONTRACT_VERSION));
      it('has a non-empty version', () => expect(plugin.version).toMatch(/\S/));
      it('describes config and credentials as JSON Schema objects', () => {
        expect(plugin.connectionSchema?.config).toMatchObject({ type: 'object' });
        expect(plugin.connectionSchema?.credentials).toMatchObject({ type: 'object' });
      });
    });

    describe('capabilities', () => {
      for (const [flag, enabled, methods] of CAPABILITY_METHODS) {
        it(`${flag} = ${enabled(caps)} matches ${methods.join(' + ')}`, () => {
          const present = Object.fromEntries(methods.map((m) => [m, typeof session[m] === 'function']));
          const promised = Object.fromEntries(methods.map((m) => [m, CAPABILITY_METHODS.some(([, on, ms]) => ms.includes(m) && on(caps))]));
          expect(present).toEqual(promised);
        });
      }

      it('check() resolves with a non-empty message', async () => {
        const result = await call<{ message: unknown }>('check');
        expect(result?.message).toEqual(expect.stringMatching(/\S/));
      }, timeout);
    });

    // Before the lists, so that they also cover the job and recovery point the backup made.
    describe('work', () => {
      const work = caps.backups.onDemand && options.exerciseWork ? it : it.skip;
      work('an on-demand backup of the first resource reaches a final status', async () => {
        const first = await call<Page<AnyRecord>>('listResources', { pageSize: 1, orderBy: ORDERS[0], filter: {} });
        if (!first?.items?.[0]) throw new Error('exerciseWork needs a resource, but listResources returned none.');
        const started = await call<StartedWork>('startBackup', { resourceNativeId: first.items[0].nativeId });
        expect(started?.jobRef).toEqual(expect.any(String));
        const final = await pollWork(() => call<WorkState>('getWork', { jobRef: started.jobRef }));
        expect(WORK_STATUSES).toContain(final.status);
        expect(isFinal(final.status)).toBe(true);
        if (final.status === 'succeeded' && final.result?.recoveryPointNativeIds !== undefined) {
          expect(final.result.recoveryPointNativeIds).toEqual(expect.any(Array));
          expect(final.result.recoveryPointNativeIds.filter((id) => typeof id !== 'string')).toEqual([]);
        }
      }, timeout);
    });

    for (const [kind, spec] of Object.entries(LIST_KINDS) as [ListKindName, (typeof LIST_KINDS)[ListKindName]][]) {
      (spec.listable(caps) ? describe : describe.skip)(kind, () => {
        for (const orderBy of ORDERS) {
          it(`pages by ${orderBy.field} ${orderBy.direction} the same way for page sizes ${pageSizes.join(', ')}`, async () => {
            const problems: string[] = [];
            let reference: { pageSize: number; ids: string[] } | undefined;
            for (const pageSize of pageSizes) {
              const { pages, items } = await walkList((req) => call<Page<AnyRecord>>(spec.list, req), pageSize, orderBy);
              const at = `pageSize ${pageSize}:`;
              pages.forEach((page, i) => {
                if (page.items.length > pageSize) problems.push(`${at} page ${i + 1} has ${page.items.length} items`);
              });
              if (items.length === 0 && pages.length !== 1) problems.push(`${at} an empty list took ${pages.length} pages, not one { items: [] } without a cursor`);
              const ids = items.map((item) => item.nativeId);
              const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
              if (duplicates.length > 0) problems.push(`${at} duplicate nativeIds ${duplicates.join(', ')}`);
              problems.push(...orderViolations(kind, orderBy, items).map((v) => `${at} ${v}`));
              const sorted = [...ids].sort();
              reference ??= { pageSize, ids: sorted };
              if (sorted.join('\n') !== reference.ids.join('\n')) {
                problems.push(`${at} walked [${sorted.join(', ')}] but pageSize ${reference.pageSize} walked [${reference.ids.join(', ')}]`);
              }
            }
            expect(problems).toEqual([]);
          }, timeout);
        }

        const declaration = caps.listing[kind];
        for (const filter of declaration.pushedFilters as string[]) {
          it(`pushes down ${filter}: every item matches it and none that matches is missing`, async () => {
            const all = await itemsOf(kind);
            const value = sampleFilterValue(kind, filter, all);
            if (value === undefined) return; // nothing listed carries a value to filter on
            const matches = LIST_FILTER_MATCHERS[kind] as unknown as (record: AnyRecord, f: Record<string, unknown>) => boolean;
            const { items } = await walkList((req) => call<Page<AnyRecord>>(spec.list, { ...req, filter: { [filter]: value } }), 50, ORDERS[0]);
            expect(items.filter((item) => !matches(item, { [filter]: value })).map((item) => item.nativeId)).toEqual([]);
            const expected = all.filter((item) => matches(item, { [filter]: value })).map((item) => item.nativeId);
            expect(items.map((item) => item.nativeId).sort()).toEqual(expected.sort());
          }, timeout);
        }

        it('declares only known orders as streamed', () => {
          expect(declaration.streamedOrders.filter((order) => !ORDER_KEYS.includes(order))).toEqual([]);
        });

        it(`${spec.get}() returns what the list returned, for the first ${ROUND_TRIPS} items`, async () => {
          const listed = (await itemsOf(kind)).slice(0, ROUND_TRIPS);
          const got = await Promise.all(listed.map((item) => call<AnyRecord>(spec.get, { nativeId: item.nativeId })));
          expect(got.map(unified)).toEqual(listed.map(unified));
        }, timeout);

        it('uses only unified vocabulary (enums, ISO-8601 timestamps, nativeIds, tags, schedules)', async () => {
          const items = await itemsOf(kind);
          expect(items.flatMap((item) => recordViolations(kind, item))).toEqual([]);
        }, timeout);

        it(`${spec.get}() of a missing id rejects with not_found`, async () => {
          const nativeId = options.missingIds?.[spec.idKind] ?? `conformance-missing-${Math.random().toString(36).slice(2)}`;
          const error = await rejection(`${spec.get}(${nativeId})`, call(spec.get, { nativeId }));
          expect(error.code).toBe('not_found');
        }, timeout);
      });
    }

    describe('refused credentials', () => {
      (options.badCredentials ? it : it.skip)('check() rejects with vendor_unavailable', async () => {
        const bad = await options.badCredentials!();
        try {
          const badSession = await onlyProblemErrors(`${plugin.id} connect()`, () => plugin.connect(bad.connection));
          try {
            const error = await rejection('check() with refused credentials', onlyProblemErrors(`${plugin.id} check()`, () => badSession.check()));
            expect(error.code).toBe('vendor_unavailable');
          } finally {
            await badSession.close?.();
          }
        } finally {
          await bad.stop();
        }
      }, timeout);
    });
  });
}
