import { Injectable } from '@nestjs/common';
import { CapabilityNotSupportedError, type VaultRecord } from '@backbridge/core';
import type { ConnectionEntity } from '@backbridge/persistence';
import { LIST_FILTER_MATCHERS, type VaultFilter } from '@backbridge/plugin-sdk';
import { identity, ObjectLocator, withNative } from '../common/object-locator.service';
import type { ListQueryDto } from '../lists/list-query.dto';
import { ListService, type ListKind } from '../lists/list.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { VaultListResponseDto, VaultResponseDto } from './vaults.dto';

const VAULTS: ListKind<VaultRecord, VaultFilter> = {
  name: 'vaults',
  capability: 'vaults.list',
  listing: 'vaults',
  defaultOrder: { field: 'name', direction: 'asc' },
  call: (session, req) => session.listVaults!(req),
  accept: LIST_FILTER_MATCHERS.vaults,
  sortValue: (v, field) => (field === 'name' ? v.name : (v.createdAt ?? '')),
};

function toVaultResponse(connection: ConnectionEntity, v: VaultRecord, view?: 'basic' | 'full'): VaultResponseDto {
  return withNative(
    {
      ...identity('vault', connection, v.nativeId),
      name: v.name,
      kind: v.kind,
      ...(v.region ? { region: v.region } : {}),
      ...(v.capacityBytes !== undefined ? { capacityBytes: v.capacityBytes } : {}),
      ...(v.usedBytes !== undefined ? { usedBytes: v.usedBytes } : {}),
    },
    v.native,
    view,
  );
}

@Injectable()
export class VaultsService {
  constructor(
    private readonly lists: ListService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
  ) {}

  async list(query: ListQueryDto): Promise<VaultListResponseDto> {
    const outcome = await this.lists.list(VAULTS, query, {});
    return { ...outcome, items: outcome.items.map((i) => toVaultResponse(i.connection, i.record, query.view)) };
  }

  async get(id: string, view?: 'basic' | 'full'): Promise<VaultResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'vault');
    const record = await this.registry.invoke(connection, 'vaults.list', (s) => {
      if (!s.getVault) throw new CapabilityNotSupportedError(connection.provider, 'vaults.get');
      return s.getVault({ nativeId });
    });
    return toVaultResponse(connection, record, view);
  }
}
