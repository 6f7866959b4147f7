import { Injectable } from '@nestjs/common';
import type { ResourceRecord } from '@backbridge/core';
import type { ConnectionEntity } from '@backbridge/persistence';
import { LIST_FILTER_MATCHERS, type ResourceFilter } from '@backbridge/plugin-sdk';
import { CapabilityNotSupportedError } from '@backbridge/core';
import { identity, ObjectLocator, optionalId, withNative } from '../common/object-locator.service';
import { ListService, type ListKind } from '../lists/list.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { ResourceListQueryDto, ResourceListResponseDto, ResourceResponseDto } from './resources.dto';

export const RESOURCES: ListKind<ResourceRecord, ResourceFilter> = {
  name: 'resources',
  capability: 'resources.list',
  listing: 'resources',
  defaultOrder: { field: 'name', direction: 'asc' },
  call: (session, req) => session.listResources!(req),
  accept: LIST_FILTER_MATCHERS.resources,
  sortValue: (r, field) => (field === 'name' ? r.name : (r.createdAt ?? '')),
};

export function toResourceResponse(connection: ConnectionEntity, r: ResourceRecord, view?: 'basic' | 'full'): ResourceResponseDto {
  return withNative(
    {
      ...identity('resource', connection, r.nativeId),
      name: r.name,
      type: r.type,
      nativeType: r.nativeType,
      ...(r.region ? { region: r.region } : {}),
      ...(r.zone ? { zone: r.zone } : {}),
      tags: r.tags,
      policies: r.policyNativeIds.map((p) => optionalId('policy', connection, p)!),
      ...(r.lastBackupAt ? { lastBackupAt: r.lastBackupAt } : {}),
    },
    r.native,
    view,
  );
}

@Injectable()
export class ResourcesService {
  constructor(
    private readonly lists: ListService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
  ) {}

  async list(query: ResourceListQueryDto): Promise<ResourceListResponseDto> {
    const policy = query.policy ? await this.locator.locate(query.policy, 'policy', 'policy') : undefined;
    const outcome = await this.lists.list(
      RESOURCES,
      query,
      { type: query.type, name: query.name, protected: query.protected, policyNativeId: policy?.nativeId },
      policy?.connection.id,
    );
    return { ...outcome, items: outcome.items.map((i) => toResourceResponse(i.connection, i.record, query.view)) };
  }

  async get(id: string, view?: 'basic' | 'full'): Promise<ResourceResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'resource');
    const record = await this.registry.invoke(connection, 'resources.list', (s) => {
      if (!s.getResource) throw new CapabilityNotSupportedError(connection.provider, 'resources.get');
      return s.getResource({ nativeId });
    });
    return toResourceResponse(connection, record, view);
  }
}
