import type { ResourceRecord } from '@backbridge/core';
import type { PdsDataService } from '../dto/common.dto';
import type { PdsDeployment } from '../dto/deployment.dto';
import { isoTime } from './time';

export interface ResourceContext {
  dataService?: PdsDataService;
  policyNativeIds: string[];
  /** Completion of the deployment's newest succeeded backup job. */
  lastBackupAt?: string;
}

/** A PDS deployment (a database on Kubernetes): one node is a database, several a database cluster. */
export function toResourceRecord(deployment: PdsDeployment, context: ResourceContext): ResourceRecord {
  const createdAt = isoTime(deployment.created_at);
  const lastBackupAt = isoTime(context.lastBackupAt);
  return {
    nativeId: deployment.id,
    name: deployment.name,
    type: (deployment.node_count ?? 1) > 1 ? 'database-cluster' : 'database',
    nativeType: context.dataService?.name ?? 'Deployment',
    tags: {},
    policyNativeIds: [...context.policyNativeIds].sort(),
    ...(lastBackupAt && { lastBackupAt }),
    ...(createdAt && { createdAt }),
    native: deployment,
  };
}
