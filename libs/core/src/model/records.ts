/**
 * Unified records as plugins produce them: keyed by the vendor's own ids (`nativeId`), in unified
 * vocabulary. The gateway turns them into API objects (opaque ids, provider, connection).
 * Timestamps are ISO-8601 UTC strings.
 */
import type { Retention } from '../retention/retention.types';
import type { Schedule } from '../schedule/schedule.types';
import type {
  JobType,
  RecoveryPointKind,
  RecoveryPointStatus,
  ResourceType,
  VaultKind,
  WorkStatus,
} from './common';

export interface ResourceRecord {
  nativeId: string;
  name: string;
  type: ResourceType;
  /** The vendor's own word for the type. */
  nativeType: string;
  region?: string;
  zone?: string;
  tags: Record<string, string>;
  policyNativeIds: string[];
  lastBackupAt?: string;
  createdAt?: string;
  native?: unknown;
}

export interface PolicyRecord {
  nativeId: string;
  name: string;
  description?: string;
  enabled: boolean;
  schedules: Schedule[];
  retention: Retention;
  resourceNativeIds: string[];
  vaultNativeId?: string;
  /** What the vendor's form of this policy cannot say exactly. */
  warnings: string[];
  createdAt?: string;
  updatedAt?: string;
  native?: unknown;
}

/** A policy as a client asks for it, already parsed and validated by the gateway. */
export interface PolicySpec {
  name: string;
  description?: string;
  enabled: boolean;
  schedules: Schedule[];
  retention: Retention;
  resourceNativeIds: string[];
  vaultNativeId?: string;
}

export interface RecoveryPointRecord {
  nativeId: string;
  resourceNativeId: string;
  resourceName?: string;
  resourceType?: ResourceType;
  policyNativeId?: string;
  vaultNativeId?: string;
  status: RecoveryPointStatus;
  kind: RecoveryPointKind;
  createdAt: string;
  completedAt?: string;
  expiresAt?: string;
  sizeBytes?: number;
  region?: string;
  native?: unknown;
}

export interface JobRecord {
  nativeId: string;
  type: JobType;
  status: WorkStatus;
  progress?: number;
  startedAt?: string;
  endedAt?: string;
  /** When the job was created at the vendor; used for ordering. Defaults to startedAt. */
  createdAt?: string;
  resourceNativeId?: string;
  policyNativeId?: string;
  recoveryPointNativeId?: string;
  error?: { code: string; message: string };
  native?: unknown;
}

export interface VaultRecord {
  nativeId: string;
  name: string;
  kind: VaultKind;
  region?: string;
  capacityBytes?: number;
  usedBytes?: number;
  createdAt?: string;
  native?: unknown;
}
