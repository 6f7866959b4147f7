import type { ResourceRecord } from '@backbridge/core';
import type { CbrVault, CbrVaultResource } from '../dto/vault.dto';
import { toResourceType } from '../status-maps';
import type { MapContext } from './map-context';

/**
 * A resource bound to a vault, as a unified resource. CBR exposes no resource tags and no creation
 * time; the policies are those applied to its vault.
 */
export function toResourceRecord(resource: CbrVaultResource, vault: CbrVault, policyIds: string[], ctx: MapContext): ResourceRecord {
  return {
    nativeId: resource.id,
    name: resource.name ?? '',
    type: toResourceType(resource.type, ctx.log),
    nativeType: resource.type,
    ...(ctx.region !== undefined && { region: ctx.region }),
    tags: {},
    policyNativeIds: [...policyIds].sort(),
    native: { ...resource, vault_id: vault.id, vault_name: vault.name },
  };
}
