import type { VaultRecord } from '@backbridge/core';
import type { CbrVault } from '../dto/vault.dto';
import { toIsoUtc } from './cbr-time';
import type { MapContext } from './map-context';

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** billing.size is GB, billing.used is MB (seed §4.4.1). */
export function toVaultRecord(vault: CbrVault, ctx: MapContext): VaultRecord {
  const createdAt = toIsoUtc(vault.created_at);
  return {
    nativeId: vault.id,
    name: vault.name,
    kind: 'vault',
    ...(ctx.region !== undefined && { region: ctx.region }),
    ...(typeof vault.billing?.size === 'number' && { capacityBytes: vault.billing.size * GIB }),
    ...(typeof vault.billing?.used === 'number' && { usedBytes: vault.billing.used * MIB }),
    ...(createdAt !== undefined && { createdAt }),
    native: vault,
  };
}
