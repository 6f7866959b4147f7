import {
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  VendorUnauthorizedError,
  VendorRejectedError,
  VendorUnavailableError,
  type OrderBy,
  type PolicyRecord,
} from '@backbridge/core';
import type { BackupProviderPlugin, Capabilities, ListRequest, Page, ProviderSession } from '@backbridge/plugin-sdk';
import { nothingPushedDownAnywhere, SDK_CONTRACT_VERSION } from '@backbridge/plugin-sdk';
import { testVendorAt, type TestVendor } from './test-vendor';

export const TEST_TOKEN = 'good-token-0123456789';

/** The gateway's sort values: recovery points sort by resource name, jobs (no name) by id. */
function sortBy<T extends { nativeId: string; name?: string; resourceName?: string; createdAt?: string }>(items: T[], orderBy: OrderBy): T[] {
  const key = (item: T) => (orderBy.field === 'name' ? (item.name ?? item.resourceName ?? item.nativeId) : (item.createdAt ?? ''));
  return [...items].sort((a, b) => {
    const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    const directed = orderBy.direction === 'asc' ? order : -order;
    return directed || (a.nativeId < b.nativeId ? -1 : a.nativeId > b.nativeId ? 1 : 0);
  });
}

/** Offset paging, as many vendors do; the cursor is the offset. */
function page<T extends { nativeId: string; name?: string; resourceName?: string; createdAt?: string }>(items: T[], req: ListRequest<unknown>): Page<T> {
  const offset = req.cursor ? Number(req.cursor) : 0;
  const sorted = sortBy(items, req.orderBy);
  const slice = sorted.slice(offset, offset + req.pageSize);
  return { items: slice, cursor: offset + req.pageSize < sorted.length ? String(offset + req.pageSize) : undefined };
}

function found<T>(value: T | undefined, what: string, id: string): T {
  if (!value) throw new NotFoundError(`${what} '${id}' does not exist at the vendor.`, { vendor: { status: 404, message: 'not found' } });
  return value;
}

export const FULL_CAPABILITIES: Capabilities = {
  resources: { list: true, types: ['vm', 'volume'] },
  policies: {
    list: true,
    create: true,
    update: true,
    delete: true,
    run: true,
    deleteRemovesRecoveryPoints: true,
    schedule: { frequencies: ['hourly', 'daily', 'weekly', 'monthly'] },
    retention: ['keepLast', 'keepDays'],
  },
  backups: { onDemand: true },
  recoveryPoints: { list: true, delete: true },
  restores: { original: true, alternate: false },
  jobs: { list: true, cancel: true },
  vaults: { list: true },
  queuesConcurrentWork: false,
  listing: {
    ...nothingPushedDownAnywhere(),
    // listRecoveryPoints filters by resource itself; the gateway applies every other filter.
    recoveryPoints: { pushedFilters: ['resourceNativeId'], streamedOrders: [] },
  },
};

function session(vendor: TestVendor, endpoint: string, credentials: Record<string, unknown>): ProviderSession {
  const call = async (name: string) => {
    vendor.calls.push(name);
    if (vendor.delayMs) await new Promise((r) => setTimeout(r, vendor.delayMs));
    if (vendor.down) throw new VendorUnavailableError('The test vendor answered 503.', { vendor: { status: 503 } });
    if (credentials.token !== TEST_TOKEN) throw new VendorUnauthorizedError('The test vendor refused the token.', { vendor: { status: 401 } });
  };
  const toPolicy = (spec: Parameters<NonNullable<ProviderSession['createPolicy']>>[0], nativeId: string, createdAt: string): PolicyRecord => {
    if (spec.name === 'rejected-by-vendor') throw new VendorRejectedError('The test vendor refuses this name.', { vendor: { status: 400, code: 'TEST.0001', message: 'name not allowed' } });
    if (spec.retention.gfs) throw ValidationFailedError.field('retention.gfs', 'the test vendor has no GFS retention');
    for (const id of spec.resourceNativeIds) found(vendor.resources.get(id), 'Resource', id);
    return { nativeId, ...spec, warnings: spec.schedules.length > 1 ? ['the test vendor keeps only the first schedule'] : [], createdAt, updatedAt: new Date().toISOString() };
  };
  return {
    async check() {
      await call('check');
      return { message: `test vendor at ${endpoint}` };
    },
    async listResources(req) {
      await call('listResources');
      return page([...vendor.resources.values()], req);
    },
    async getResource({ nativeId }) {
      await call('getResource');
      return found(vendor.resources.get(nativeId), 'Resource', nativeId);
    },
    async listPolicies(req) {
      await call('listPolicies');
      return page([...vendor.policies.values()], req);
    },
    async getPolicy({ nativeId }) {
      await call('getPolicy');
      return found(vendor.policies.get(nativeId), 'Policy', nativeId);
    },
    translatePolicy(spec) {
      const record = toPolicy(spec, 'preview', new Date().toISOString());
      return { translation: { testPolicy: { name: spec.name, every: spec.schedules[0]?.frequency } }, warnings: record.warnings };
    },
    async createPolicy(spec) {
      await call('createPolicy');
      if ([...vendor.policies.values()].some((p) => p.name === spec.name)) throw new ConflictError(`The vendor already has a policy named '${spec.name}'.`);
      const record = toPolicy(spec, `pol-${vendor.policies.size + 1}-${Date.now()}`, new Date().toISOString());
      vendor.policies.set(record.nativeId, record);
      for (const id of spec.resourceNativeIds) vendor.resources.get(id)!.policyNativeIds.push(record.nativeId);
      return record;
    },
    async updatePolicy({ nativeId, spec }) {
      await call('updatePolicy');
      const existing = found(vendor.policies.get(nativeId), 'Policy', nativeId);
      const record = toPolicy(spec, nativeId, existing.createdAt!);
      vendor.policies.set(nativeId, record);
      return record;
    },
    async deletePolicy({ nativeId }) {
      await call('deletePolicy');
      found(vendor.policies.get(nativeId), 'Policy', nativeId);
      vendor.policies.delete(nativeId);
    },
    async runPolicy({ policyNativeId }) {
      await call('runPolicy');
      const policy = found(vendor.policies.get(policyNativeId), 'Policy', policyNativeId);
      const job = vendor.newJob('backup', policy.resourceNativeIds[0] ?? 'none');
      return { jobRef: job.id, jobNativeId: job.id };
    },
    async listRecoveryPoints(req) {
      await call('listRecoveryPoints');
      const filtered = [...vendor.recoveryPoints.values()].filter((r) => !req.filter.resourceNativeId || r.resourceNativeId === req.filter.resourceNativeId);
      return page(filtered, req);
    },
    async getRecoveryPoint({ nativeId }) {
      await call('getRecoveryPoint');
      return found(vendor.recoveryPoints.get(nativeId), 'Recovery point', nativeId);
    },
    async deleteRecoveryPoint({ nativeId }) {
      await call('deleteRecoveryPoint');
      found(vendor.recoveryPoints.get(nativeId), 'Recovery point', nativeId);
      vendor.recoveryPoints.delete(nativeId);
    },
    async restoreOptions() {
      await call('restoreOptions');
      return {
        target: { type: 'object', properties: { mode: { enum: ['original'] } }, required: ['mode'] },
        options: { type: 'object', properties: { powerOn: { type: 'boolean', default: true } }, additionalProperties: false },
      };
    },
    async startBackup({ resourceNativeId }) {
      await call('startBackup');
      found(vendor.resources.get(resourceNativeId), 'Resource', resourceNativeId);
      const job = vendor.newJob('backup', resourceNativeId);
      return { jobRef: job.id, jobNativeId: job.id };
    },
    async startRestore({ recoveryPointNativeId }) {
      await call('startRestore');
      const rp = found(vendor.recoveryPoints.get(recoveryPointNativeId), 'Recovery point', recoveryPointNativeId);
      const job = vendor.newJob('restore', rp.resourceNativeId);
      return { jobRef: job.id, jobNativeId: job.id };
    },
    async getWork({ jobRef }) {
      await call('getWork');
      const job = found(vendor.jobs.get(jobRef), 'Job', jobRef);
      // pending -> running -> succeeded over successive polls.
      job.polls += 1;
      if (job.status === 'pending') job.status = 'running';
      else if (job.status === 'running' && job.polls >= 2) {
        job.status = 'succeeded';
        if (job.kind === 'backup') {
          job.recoveryPointNativeId = `rp-${job.id}`;
          vendor.recoveryPoints.set(job.recoveryPointNativeId, {
            nativeId: job.recoveryPointNativeId,
            resourceNativeId: job.resourceNativeId,
            status: 'available',
            kind: 'incremental',
            createdAt: new Date().toISOString(),
          });
        }
      } else if (job.status === 'cancelling') job.status = 'cancelled';
      return {
        status: job.status,
        jobNativeId: job.id,
        progress: { percent: job.status === 'succeeded' ? 100 : 50 },
        statusMessage: `job is ${job.status}`,
        ...(job.recoveryPointNativeId ? { result: { recoveryPointNativeIds: [job.recoveryPointNativeId] } } : {}),
        ...(job.kind === 'restore' && job.status === 'succeeded' ? { result: { resourceNativeIds: [job.resourceNativeId] } } : {}),
      };
    },
    async cancelWork({ jobRef }) {
      await call('cancelWork');
      const job = found(vendor.jobs.get(jobRef), 'Job', jobRef);
      job.status = 'cancelling';
    },
    async listJobs(req) {
      await call('listJobs');
      const jobs = [...vendor.jobs.values()].map((j) => ({
        nativeId: j.id,
        type: j.kind,
        status: j.status,
        createdAt: j.createdAt,
        startedAt: j.createdAt,
        resourceNativeId: j.resourceNativeId,
      }));
      return page(jobs, req);
    },
    async getJob({ nativeId }) {
      await call('getJob');
      const j = found(vendor.jobs.get(nativeId), 'Job', nativeId);
      return { nativeId: j.id, type: j.kind, status: j.status, createdAt: j.createdAt, startedAt: j.createdAt, resourceNativeId: j.resourceNativeId };
    },
    async listVaults(req) {
      await call('listVaults');
      return page([...vendor.vaults.values()], req);
    },
    async getVault({ nativeId }) {
      await call('getVault');
      return found(vendor.vaults.get(nativeId), 'Vault', nativeId);
    },
  };
}

/**
 * A plugin for the gateway's own tests (never loaded by `npm start`). Each test file gives it its
 * own id, so that enabling or disabling it in one file cannot disturb another running alongside.
 */
export function createTestPlugin(id: string, capabilities: Capabilities = FULL_CAPABILITIES): BackupProviderPlugin {
  return {
    id,
    displayName: `Test vendor (${id})`,
    version: '0.0.1',
    sdkVersion: SDK_CONTRACT_VERSION,
    capabilities,
    connectionSchema: {
      endpoint: { description: 'Any http URL; each URL is its own in-memory vendor.', example: 'http://test.invalid/a' },
      config: { type: 'object', properties: { project: { type: 'string', minLength: 1 } }, additionalProperties: false },
      credentials: {
        type: 'object',
        properties: { type: { const: 'token' }, token: { type: 'string', minLength: 8 } },
        required: ['type', 'token'],
        additionalProperties: false,
      },
    },
    connect(connection) {
      return session(testVendorAt(connection.endpoint), connection.endpoint, connection.credentials);
    },
  };
}
