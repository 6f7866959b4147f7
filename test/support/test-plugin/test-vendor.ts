import { randomUUID } from 'node:crypto';
import type { PolicyRecord, RecoveryPointRecord, ResourceRecord, VaultRecord, WorkStatus } from '@backbridge/core';

/** The in-memory "vendor" behind the test plugin: one per endpoint, so test files never share data. */
export interface TestVendorJob {
  id: string;
  kind: 'backup' | 'restore';
  resourceNativeId: string;
  status: WorkStatus;
  polls: number;
  recoveryPointNativeId?: string;
  createdAt: string;
}

export class TestVendor {
  readonly resources = new Map<string, ResourceRecord>();
  readonly policies = new Map<string, PolicyRecord>();
  readonly recoveryPoints = new Map<string, RecoveryPointRecord>();
  readonly vaults = new Map<string, VaultRecord>();
  readonly jobs = new Map<string, TestVendorJob>();
  /** Counts vendor calls, so tests can prove what did or did not reach the vendor. */
  calls: string[] = [];
  down = false;
  /** Every call waits this long first (for timeouts). */
  delayMs = 0;

  constructor(resourceCount = 5, recoveryPointsPerResource = 2) {
    const base = Date.parse('2026-11-01T00:00:00Z');
    this.vaults.set('vault-1', { nativeId: 'vault-1', name: 'primary-vault', kind: 'vault', region: 'test-1', capacityBytes: 1e12, usedBytes: 2e11 });
    for (let i = 0; i < resourceCount; i += 1) {
      const nativeId = `res-${String(i).padStart(3, '0')}`;
      const name = `server-${String.fromCharCode(97 + (i % 26))}${i}`;
      this.resources.set(nativeId, {
        nativeId,
        name,
        type: i % 2 === 0 ? 'vm' : 'volume',
        nativeType: i % 2 === 0 ? 'test::server' : 'test::disk',
        region: 'test-1',
        tags: { env: i % 3 === 0 ? 'prod' : 'dev' },
        policyNativeIds: [],
        createdAt: new Date(base + i * 60_000).toISOString(),
      });
      for (let j = 0; j < recoveryPointsPerResource; j += 1) {
        const rp = `rp-${i}-${j}`;
        this.recoveryPoints.set(rp, {
          nativeId: rp,
          resourceNativeId: nativeId,
          resourceName: name,
          resourceType: i % 2 === 0 ? 'vm' : 'volume',
          vaultNativeId: 'vault-1',
          status: 'available',
          kind: j === 0 ? 'full' : 'incremental',
          createdAt: new Date(base + (i * recoveryPointsPerResource + j) * 3_600_000).toISOString(),
          sizeBytes: 1024 * (i + 1),
        });
      }
    }
    this.seedPolicy();
  }

  /** A policy the vendor already has, so that policy lists are not empty. */
  seedPolicy(): void {
    this.policies.set('pol-seed', {
      nativeId: 'pol-seed',
      name: 'seeded-daily',
      enabled: true,
      schedules: [{ frequency: 'daily', interval: 1, at: { hour: 1, minute: 0 }, timezone: 'UTC' }],
      retention: { keepLast: 7 },
      resourceNativeIds: ['res-000'],
      warnings: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
    });
    this.resources.get('res-000')?.policyNativeIds.push('pol-seed');
  }

  newJob(kind: 'backup' | 'restore', resourceNativeId: string): TestVendorJob {
    const job: TestVendorJob = { id: `job-${randomUUID()}`, kind, resourceNativeId, status: 'pending', polls: 0, createdAt: new Date().toISOString() };
    this.jobs.set(job.id, job);
    return job;
  }
}

const vendors = new Map<string, TestVendor>();

/** The vendor behind an endpoint such as `http://test.invalid/<name>`. */
export function testVendorAt(endpoint: string): TestVendor {
  let vendor = vendors.get(endpoint);
  if (!vendor) {
    vendor = new TestVendor();
    vendors.set(endpoint, vendor);
  }
  return vendor;
}
