import type { ResourceRecord, ResourceType } from '@backbridge/core';
import type { CpmTarget, CpmTargetFamily } from '../dto/cpm-dto';
import { isoOf } from './cpm-time';

export const RESOURCE_TYPE_BY_FAMILY = {
  instances: 'vm',
  volumes: 'volume',
  rds_databases: 'database',
  rds_clusters: 'database-cluster',
  dynamodb_tables: 'database',
  redshift_clusters: 'database-cluster',
  efs: 'file-system',
} as const satisfies Record<CpmTargetFamily, ResourceType>;

/**
 * A protected AWS object, from the policy targets that name it (CPM lists no unprotected resources).
 * The nativeId is the AWS id (a DynamoDB table's is its name); the target ids (one per policy) stay in
 * `native`. `lastBackupAt` is the start of the newest successful run of those policies, when known.
 */
export function toResourceRecord(family: CpmTargetFamily, targets: { policyId: string; target: CpmTarget }[], lastBackupAt?: string): ResourceRecord {
  const first = targets[0].target;
  const createdAt = isoOf(first.created);
  return {
    nativeId: first.aws_resource_id ?? '',
    // RDS and Redshift targets have no `name`: their AWS identifier is their name.
    name: first.name || first.aws_resource_name || first.aws_resource_id || '',
    type: RESOURCE_TYPE_BY_FAMILY[family],
    nativeType: family,
    ...(first.aws_region && { region: first.aws_region }),
    ...(first.zone && { zone: first.zone }),
    // CPM exposes only `tagged` (whether the object has CPM's backup tag), not the AWS tags.
    tags: {},
    policyNativeIds: [...new Set(targets.map((t) => t.policyId))].sort(),
    ...(lastBackupAt !== undefined && { lastBackupAt }),
    ...(createdAt !== undefined && { createdAt }),
    native: { family, targets: targets.map((t) => ({ policy: t.policyId, ...t.target })) },
  };
}
