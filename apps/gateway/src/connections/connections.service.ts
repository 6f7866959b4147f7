import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, NotFoundError, ProblemError } from '@backbridge/core';
import { ConnectionEntity, OperationEntity, SecretBox } from '@backbridge/persistence';
import type { RunningEmulator } from '@backbridge/sandbox';
import { Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { SECRET_BOX } from '../database/database.tokens';
import { EventsService } from '../events/events.service';
import { credentialsType, validateConnectionInput } from '../plugins/connection-input.validator';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { ConnectionCreateDto, ConnectionResponseDto, ConnectionUpdateDto } from './connections.dto';

export function toConnectionResponse(entity: ConnectionEntity): ConnectionResponseDto {
  return {
    id: entity.id,
    provider: entity.provider,
    name: entity.name,
    endpoint: entity.endpoint,
    ...(entity.region ? { region: entity.region } : {}),
    config: entity.config,
    credentials: { type: entity.credentialsType, configured: true },
    status: {
      state: entity.statusState,
      ...(entity.statusCheckedAt ? { checkedAt: entity.statusCheckedAt.toISOString() } : {}),
      ...(entity.statusMessage ? { message: entity.statusMessage } : {}),
    },
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger('ConnectionsService');

  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    @InjectRepository(OperationEntity) private readonly operations: Repository<OperationEntity>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly registry: PluginRegistry,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  async list(): Promise<ConnectionEntity[]> {
    return this.connections.find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<ConnectionEntity> {
    const entity = isUUID(id) ? await this.connections.findOneBy({ id }) : null;
    if (!entity) {
      throw new NotFoundError(`Connection '${id}' does not exist.`);
    }
    return entity;
  }

  async create(dto: ConnectionCreateDto, principal: Principal | string, checkLive: boolean): Promise<ConnectionEntity> {
    const plugin = await this.registry.ensureUsable(dto.provider);
    const config = dto.config ?? {};
    validateConnectionInput(plugin, config, dto.credentials);
    await this.ensureNameFree(dto.name);
    const id = randomUUID();
    const now = new Date();
    const entity = this.connections.create({
      id,
      provider: dto.provider,
      name: dto.name,
      endpoint: dto.endpoint,
      region: dto.region ?? null,
      config,
      credentialsType: credentialsType(dto.credentials),
      credentialsSealed: this.secrets.seal(JSON.stringify(dto.credentials), `connection:${id}`),
      statusState: 'unknown',
      statusCheckedAt: null,
      statusMessage: null,
      createdAt: now,
      updatedAt: now,
    });
    if (checkLive) {
      // Checked before anything is written: a refused connection leaves no row behind.
      const check = await this.registry.invoke(entity, undefined, (s) => s.check());
      Object.assign(entity, { statusState: 'ok', statusCheckedAt: new Date(), statusMessage: check.message });
    }
    const saved = await this.saveUnique(entity);
    await this.registry.forget(id);
    await this.audit.record(principal, 'connection.create', id, { provider: dto.provider, name: dto.name, validated: checkLive });
    return saved;
  }

  async update(id: string, dto: ConnectionUpdateDto, principal: Principal | string, checkLive: boolean): Promise<ConnectionEntity> {
    const entity = await this.get(id);
    const plugin = await this.registry.ensureUsable(entity.provider);
    const config = dto.config ?? entity.config;
    validateConnectionInput(plugin, config, dto.credentials);
    if (dto.name !== undefined && dto.name !== entity.name) {
      await this.ensureNameFree(dto.name);
    }
    const next = this.connections.merge(this.connections.create({ ...entity }), {
      name: dto.name ?? entity.name,
      endpoint: dto.endpoint ?? entity.endpoint,
      region: dto.region ?? entity.region,
      config,
      updatedAt: new Date(),
      ...(dto.credentials
        ? {
            credentialsType: credentialsType(dto.credentials),
            credentialsSealed: this.secrets.seal(JSON.stringify(dto.credentials), `connection:${id}`),
          }
        : {}),
    });
    if (checkLive) {
      const check = await this.registry.invoke(next, undefined, (s) => s.check());
      Object.assign(next, { statusState: 'ok', statusCheckedAt: new Date(), statusMessage: check.message });
    } else {
      Object.assign(next, { statusState: 'unknown', statusCheckedAt: null, statusMessage: null });
    }
    const saved = await this.saveUnique(next);
    await this.registry.forget(id);
    await this.announceStatus(entity, saved);
    await this.audit.record(principal, 'connection.update', id, {
      fields: Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined),
    });
    return saved;
  }

  async remove(id: string, principal: Principal): Promise<void> {
    const entity = await this.get(id);
    const running = await this.operations.findOneBy({ connectionId: id, done: false });
    if (running) {
      throw new ConflictError(`Connection '${entity.name}' has a running operation (${running.id}); wait for it or cancel it first.`, {
        operation: running.id,
      });
    }
    await this.connections.delete({ id });
    await this.registry.forget(id);
    await this.audit.record(principal, 'connection.delete', id, { provider: entity.provider, name: entity.name });
  }

  /** Runs the plugin's live check and stores the outcome; a failure is a status, not an error. */
  async test(id: string, principal: Principal): Promise<ConnectionEntity> {
    const entity = await this.get(id);
    let state: 'ok' | 'error';
    let message: string;
    try {
      const check = await this.registry.invoke(entity, undefined, (s) => s.check());
      state = 'ok';
      message = check.message;
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code === 'provider_disabled') {
        throw error;
      }
      state = 'error';
      message = `${error.code}: ${error.detail}`;
    }
    await this.connections.update({ id }, { statusState: state, statusCheckedAt: new Date(), statusMessage: message });
    await this.audit.record(principal, 'connection.test', id, { state });
    const tested = await this.get(id);
    await this.announceStatus(entity, tested);
    return tested;
  }

  /** The sandbox's connection to one emulator, created or repointed at each start. */
  async upsertSandboxConnection(emulator: RunningEmulator): Promise<void> {
    const name = `sandbox-${emulator.pluginId}`;
    const existing = await this.connections.findOneBy({ name });
    const dto = { endpoint: emulator.endpoint, region: emulator.region, config: emulator.config, credentials: emulator.credentials };
    try {
      if (existing) {
        await this.update(existing.id, dto, 'system:sandbox', true);
      } else {
        await this.create({ provider: emulator.pluginId, name, ...dto }, 'system:sandbox', true);
      }
    } catch (error) {
      this.logger.error({ err: error, plugin: emulator.pluginId }, 'could not connect the sandbox emulator');
    }
  }

  /** `connection.status_changed` for subscribers of GET /v1/events, when the state moved. */
  private async announceStatus(before: ConnectionEntity, after: ConnectionEntity): Promise<void> {
    if (before.statusState === after.statusState) return;
    await this.events.publish('connection.status_changed', after.id, { ...toConnectionResponse(after), previousState: before.statusState } as never);
  }

  private async ensureNameFree(name: string): Promise<void> {
    if (await this.connections.existsBy({ name })) {
      throw new ConflictError(`A connection named '${name}' already exists.`);
    }
  }

  /** The unique index decides races between two creates of one name. */
  private async saveUnique(entity: ConnectionEntity): Promise<ConnectionEntity> {
    try {
      return await this.connections.save(entity);
    } catch (error) {
      if ((error as { code?: string }).code === '23505' || /duplicate key/.test(String((error as Error).message))) {
        throw new ConflictError(`A connection named '${entity.name}' already exists.`);
      }
      throw error;
    }
  }
}
