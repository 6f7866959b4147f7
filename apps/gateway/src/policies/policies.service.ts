import { Injectable } from '@nestjs/common';
import {
  CapabilityNotSupportedError,
  ConflictError,
  parseRetention,
  parseSchedule,
  ValidationFailedError,
  viewSchedule,
  type FieldError,
  type PolicyRecord,
  type PolicySpec,
} from '@backbridge/core';
import type { ConnectionEntity } from '@backbridge/persistence';
import { LIST_FILTER_MATCHERS, type BackupProviderPlugin, type PolicyFilter } from '@backbridge/plugin-sdk';
import { identity, ObjectLocator, optionalId, withNative } from '../common/object-locator.service';
import { ListService, type ListKind } from '../lists/list.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { ConnectionsService } from '../connections/connections.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type {
  PolicyCreateDto,
  PolicyDeleteQueryDto,
  PolicyListQueryDto,
  PolicyListResponseDto,
  PolicyResponseDto,
  PolicyUpdateDto,
  PolicyValidationResponseDto,
} from './policies.dto';

const POLICIES: ListKind<PolicyRecord, PolicyFilter> = {
  name: 'policies',
  capability: 'policies.list',
  listing: 'policies',
  defaultOrder: { field: 'name', direction: 'asc' },
  call: (session, req) => session.listPolicies!(req),
  accept: LIST_FILTER_MATCHERS.policies,
  sortValue: (p, field) => (field === 'name' ? p.name : (p.createdAt ?? '')),
};

export function toPolicyResponse(connection: ConnectionEntity, p: PolicyRecord, view?: 'basic' | 'full'): PolicyResponseDto {
  return withNative(
    {
      ...identity('policy', connection, p.nativeId),
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      enabled: p.enabled,
      schedules: p.schedules.map(viewSchedule),
      retention: p.retention,
      resources: p.resourceNativeIds.map((r) => optionalId('resource', connection, r)!),
      ...(p.vaultNativeId ? { vault: optionalId('vault', connection, p.vaultNativeId) } : {}),
      warnings: p.warnings,
      ...(p.createdAt ? { createdAt: p.createdAt } : {}),
      ...(p.updatedAt ? { updatedAt: p.updatedAt } : {}),
    },
    p.native,
    view,
  );
}

type PolicyInput = Omit<PolicyCreateDto, 'connection'>;

@Injectable()
export class PoliciesService {
  constructor(
    private readonly lists: ListService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: PolicyListQueryDto): Promise<PolicyListResponseDto> {
    const resource = query.resource ? await this.locator.locate(query.resource, 'resource', 'resource') : undefined;
    const outcome = await this.lists.list(
      POLICIES,
      query,
      { name: query.name, enabled: query.enabled, resourceNativeId: resource?.nativeId },
      resource?.connection.id,
    );
    return { ...outcome, items: outcome.items.map((i) => toPolicyResponse(i.connection, i.record, query.view)) };
  }

  async get(id: string, view?: 'basic' | 'full'): Promise<PolicyResponseDto> {
    const { connection, record } = await this.fetch(id);
    return toPolicyResponse(connection, record, view);
  }

  /** Dry run: parses, checks against the plugin's capabilities and translates; sends nothing. */
  async validate(dto: PolicyCreateDto): Promise<PolicyValidationResponseDto> {
    const connection = await this.connections.get(dto.connection);
    const plugin = await this.registry.ensureUsable(connection.provider);
    const spec = await this.toSpec(dto, connection, plugin);
    const translation = await this.registry.invoke(connection, 'policies.create', (s) => {
      if (!s.translatePolicy) throw new CapabilityNotSupportedError(plugin.id, 'policies.validate');
      return s.translatePolicy(spec);
    });
    return {
      provider: plugin.id,
      connection: connection.id,
      schedules: spec.schedules.map(viewSchedule),
      retention: spec.retention,
      translation: translation.translation,
      warnings: translation.warnings,
    };
  }

  async create(dto: PolicyCreateDto, principal: Principal): Promise<PolicyResponseDto> {
    const connection = await this.connections.get(dto.connection);
    const plugin = await this.registry.ensureUsable(connection.provider);
    const spec = await this.toSpec(dto, connection, plugin);
    const record = await this.registry.invoke(connection, 'policies.create', (s) => s.createPolicy!(spec));
    const response = toPolicyResponse(connection, record);
    await this.audit.record(principal, 'policy.create', response.id, { provider: connection.provider, connection: connection.id, name: record.name });
    return response;
  }

  async update(id: string, dto: PolicyUpdateDto, principal: Principal): Promise<PolicyResponseDto> {
    const { connection, record } = await this.fetch(id);
    const plugin = await this.registry.ensureUsable(connection.provider);
    // Vendors replace policies whole: merge the change into what the vendor has now.
    const merged: PolicyInput = {
      name: dto.name ?? record.name,
      description: dto.description ?? record.description,
      enabled: dto.enabled ?? record.enabled,
      schedules: dto.schedules ?? (record.schedules as unknown as PolicyInput['schedules']),
      retention: dto.retention ?? record.retention,
      resources: dto.resources,
      vault: dto.vault,
    };
    const spec = await this.toSpec(merged, connection, plugin, {
      resourceNativeIds: dto.resources === undefined ? record.resourceNativeIds : undefined,
      vaultNativeId: dto.vault === undefined ? record.vaultNativeId : undefined,
    });
    const updated = await this.registry.invoke(connection, 'policies.update', (s) => s.updatePolicy!({ nativeId: record.nativeId, spec }));
    await this.audit.record(principal, 'policy.update', id, { fields: Object.keys(dto) });
    return toPolicyResponse(connection, updated);
  }

  async remove(id: string, query: PolicyDeleteQueryDto, principal: Principal): Promise<void> {
    const { connection, nativeId } = await this.locator.locate(id, 'policy');
    const plugin = await this.registry.ensureUsable(connection.provider);
    const confirmed = query.confirm === 'delete-recovery-points';
    if (plugin.capabilities.policies.deleteRemovesRecoveryPoints && !confirmed) {
      throw new ConflictError(
        `${plugin.displayName} deletes a policy's recovery points together with the policy. ` +
          'Repeat the request with ?confirm=delete-recovery-points to delete both, or disable the policy instead (PATCH enabled=false).',
        { provider: plugin.id, connection: connection.id },
      );
    }
    await this.registry.invoke(connection, 'policies.delete', (s) => s.deletePolicy!({ nativeId, deleteRecoveryPoints: confirmed }));
    await this.audit.record(principal, 'policy.delete', id, { deleteRecoveryPoints: confirmed });
  }

  private async fetch(id: string): Promise<{ connection: ConnectionEntity; record: PolicyRecord }> {
    const { connection, nativeId } = await this.locator.locate(id, 'policy');
    const record = await this.registry.invoke(connection, 'policies.list', (s) => {
      if (!s.getPolicy) throw new CapabilityNotSupportedError(connection.provider, 'policies.get');
      return s.getPolicy({ nativeId });
    });
    return { connection, record };
  }

  /**
   * Parses schedules and retention, resolves ids to the connection's native ids, and refuses what
   * the plugin declares it cannot express, before anything reaches the vendor.
   */
  private async toSpec(
    input: PolicyInput,
    connection: ConnectionEntity,
    plugin: BackupProviderPlugin,
    keep: { resourceNativeIds?: string[]; vaultNativeId?: string } = {},
  ): Promise<PolicySpec> {
    const errors: FieldError[] = [];
    const collect = <T>(fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (error) {
        if (error instanceof ValidationFailedError) {
          errors.push(...(error.extras.errors ?? [{ field: 'body', message: error.detail }]));
          return undefined;
        }
        throw error;
      }
    };
    // Plain copies: DTO instances may carry keys whose value is undefined.
    const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null));
    const schedules = input.schedules.map((s, i) => collect(() => parseSchedule(plain(s), `schedules[${i}]`)));
    const retention = collect(() => parseRetention(plain(input.retention), 'retention'));
    const caps = plugin.capabilities.policies;
    schedules.forEach((s, i) => {
      if (s && !caps.schedule.frequencies.includes(s.frequency)) {
        errors.push({ field: `schedules[${i}].frequency`, message: `${plugin.displayName} cannot schedule '${s.frequency}' runs (it can: ${caps.schedule.frequencies.join(', ')})` });
      }
    });
    if (retention) {
      for (const rule of ['keepLast', 'keepDays', 'gfs'] as const) {
        if (retention[rule] !== undefined && !caps.retention.includes(rule)) {
          errors.push({ field: `retention.${rule}`, message: `${plugin.displayName} has no '${rule}' retention (it has: ${caps.retention.join(', ') || 'none'})` });
        }
      }
    }
    const nativeOf = async (id: string, kind: 'resource' | 'vault', field: string) => {
      try {
        const located = await this.locator.locate(id, kind, field);
        if (located.connection.id !== connection.id) {
          errors.push({ field, message: 'belongs to another connection than the policy' });
        }
        return located.nativeId;
      } catch (error) {
        if (error instanceof ValidationFailedError || (error as { code?: string }).code === 'not_found') {
          errors.push({ field, message: (error as ValidationFailedError).extras.errors?.[0]?.message ?? 'does not exist' });
          return '';
        }
        throw error;
      }
    };
    const resourceNativeIds = keep.resourceNativeIds ?? (await Promise.all((input.resources ?? []).map((r, i) => nativeOf(r, 'resource', `resources[${i}]`))));
    const vaultNativeId = keep.vaultNativeId ?? (input.vault ? await nativeOf(input.vault, 'vault', 'vault') : undefined);
    if (errors.length) {
      throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    return {
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      enabled: input.enabled ?? true,
      schedules: schedules as PolicySpec['schedules'],
      retention: retention!,
      resourceNativeIds,
      ...(vaultNativeId ? { vaultNativeId } : {}),
    };
  }
}
