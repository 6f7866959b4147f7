import { Injectable } from '@nestjs/common';
import { CapabilityNotSupportedError, type RecoveryPointRecord } from '@backbridge/core';
import type { ConnectionEntity } from '@backbridge/persistence';
import { LIST_FILTER_MATCHERS, type RecoveryPointFilter, type RestoreOptionsSchema } from '@backbridge/plugin-sdk';
import { identity, ObjectLocator, optionalId, withNative } from '../common/object-locator.service';
import { ListService, type ListKind } from '../lists/list.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { RecoveryPointListQueryDto, RecoveryPointListResponseDto, RecoveryPointResponseDto, RestoreOptionsResponseDto } from './recovery-points.dto';

const RECOVERY_POINTS: ListKind<RecoveryPointRecord, RecoveryPointFilter> = {
  name: 'recovery-points',
  capability: 'recoveryPoints.list',
  listing: 'recoveryPoints',
  defaultOrder: { field: 'createdAt', direction: 'desc' },
  call: (session, req) => session.listRecoveryPoints!(req),
  accept: LIST_FILTER_MATCHERS.recoveryPoints,
  sortValue: (r, field) => (field === 'name' ? (r.resourceName ?? r.nativeId) : r.createdAt),
};

export function toRecoveryPointResponse(connection: ConnectionEntity, r: RecoveryPointRecord, view?: 'basic' | 'full'): RecoveryPointResponseDto {
  return withNative(
    {
      ...identity('recoveryPoint', connection, r.nativeId),
      resource: optionalId('resource', connection, r.resourceNativeId)!,
      ...(r.resourceName ? { resourceName: r.resourceName } : {}),
      ...(r.resourceType ? { resourceType: r.resourceType } : {}),
      ...(r.policyNativeId ? { policy: optionalId('policy', connection, r.policyNativeId) } : {}),
      ...(r.vaultNativeId ? { vault: optionalId('vault', connection, r.vaultNativeId) } : {}),
      status: r.status,
      kind: r.kind,
      createdAt: r.createdAt,
      ...(r.completedAt ? { completedAt: r.completedAt } : {}),
      ...(r.expiresAt ? { expiresAt: r.expiresAt } : {}),
      ...(r.sizeBytes !== undefined ? { sizeBytes: r.sizeBytes } : {}),
      ...(r.region ? { region: r.region } : {}),
    },
    r.native,
    view,
  );
}

@Injectable()
export class RecoveryPointsService {
  constructor(
    private readonly lists: ListService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
    private readonly audit: AuditService,
  ) {}

  async list(query: RecoveryPointListQueryDto): Promise<RecoveryPointListResponseDto> {
    const { resource, policy, connectionId } = await this.locator.locateScope(query);
    const outcome = await this.lists.list(
      RECOVERY_POINTS,
      query,
      {
        resourceNativeId: resource?.nativeId,
        policyNativeId: policy?.nativeId,
        status: query.status,
        createdAfter: query.createdAfter,
        createdBefore: query.createdBefore,
      },
      connectionId,
    );
    return { ...outcome, items: outcome.items.map((i) => toRecoveryPointResponse(i.connection, i.record, query.view)) };
  }

  async get(id: string, view?: 'basic' | 'full'): Promise<RecoveryPointResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'recoveryPoint');
    const record = await this.registry.invoke(connection, 'recoveryPoints.list', (s) => {
      if (!s.getRecoveryPoint) throw new CapabilityNotSupportedError(connection.provider, 'recoveryPoints.get');
      return s.getRecoveryPoint({ nativeId });
    });
    return toRecoveryPointResponse(connection, record, view);
  }

  async remove(id: string, principal: Principal): Promise<void> {
    const { connection, nativeId } = await this.locator.locate(id, 'recoveryPoint');
    await this.registry.invoke(connection, 'recoveryPoints.delete', (s) => s.deleteRecoveryPoint!({ nativeId }));
    await this.audit.record(principal, 'recovery-point.delete', id, { provider: connection.provider, connection: connection.id });
  }

  async restoreOptions(id: string): Promise<RestoreOptionsResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'recoveryPoint');
    const plugin = this.registry.get(connection.provider);
    const schema = await this.registry.invoke(connection, 'recoveryPoints.list', (s) =>
      s.restoreOptions ? s.restoreOptions({ nativeId }) : genericRestoreOptions(plugin.capabilities.restores),
    );
    return { recoveryPoint: id, ...schema };
  }
}

/** What any plugin accepts when it publishes no schema of its own: the modes it declares, no options. */
export function genericRestoreOptions(restores: { original: boolean; alternate: boolean }): RestoreOptionsSchema {
  const modes = [
    ...(restores.original ? [{ type: 'object', properties: { mode: { const: 'original' } }, required: ['mode'], additionalProperties: false }] : []),
    ...(restores.alternate
      ? [
          {
            type: 'object',
            properties: { mode: { const: 'alternate' }, name: { type: 'string' }, location: { type: 'object' } },
            required: ['mode'],
            additionalProperties: false,
          },
        ]
      : []),
  ];
  return { target: { oneOf: modes }, options: { type: 'object', properties: {}, additionalProperties: false } };
}
