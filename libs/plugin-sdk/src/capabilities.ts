import type { Frequency, ResourceType, RetentionRule } from '@backbridge/core';
import type { ListingDeclarations } from './listing';

/**
 * What a plugin declares it can do. The gateway checks these flags before calling a session and
 * answers `capability_not_supported` (501) without calling it when a flag is false. The conformance
 * suite proves each flag matches the session's methods.
 */
export interface Capabilities {
  resources: { list: boolean; types: ResourceType[] };
  policies: {
    list: boolean;
    create: boolean;
    update: boolean;
    delete: boolean;
    /** On-demand run of a whole policy. */
    run: boolean;
    /** The vendor deletes a policy's recovery points with the policy. */
    deleteRemovesRecoveryPoints: boolean;
    schedule: { frequencies: Frequency[] };
    retention: RetentionRule[];
  };
  backups: { onDemand: boolean };
  recoveryPoints: { list: boolean; delete: boolean };
  restores: { original: boolean; alternate: boolean };
  jobs: { list: boolean; cancel: boolean };
  vaults: { list: boolean };
  /** The vendor queues a second backup or restore of a resource itself (no 409 from the gateway). */
  queuesConcurrentWork: boolean;
  /** Per list: the filters pushed down to the vendor and the orders streamed page by page. */
  listing: ListingDeclarations;
}
