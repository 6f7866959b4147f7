import { Injectable } from '@nestjs/common';
import { CapabilityNotSupportedError, type JobRecord } from '@backbridge/core';
import type { ConnectionEntity } from '@backbridge/persistence';
import { LIST_FILTER_MATCHERS, type JobFilter } from '@backbridge/plugin-sdk';
import { identity, ObjectLocator, optionalId, withNative } from '../common/object-locator.service';
import { ListService, type ListKind } from '../lists/list.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import type { JobListQueryDto, JobListResponseDto, JobResponseDto } from './jobs.dto';

const JOBS: ListKind<JobRecord, JobFilter> = {
  name: 'jobs',
  capability: 'jobs.list',
  listing: 'jobs',
  defaultOrder: { field: 'createdAt', direction: 'desc' },
  call: (session, req) => session.listJobs!(req),
  accept: LIST_FILTER_MATCHERS.jobs,
  // Jobs have no name: ordering by name falls back to the vendor id.
  sortValue: (j, field) => (field === 'name' ? j.nativeId : (j.createdAt ?? j.startedAt ?? '')),
};

function toJobResponse(connection: ConnectionEntity, j: JobRecord, view?: 'basic' | 'full'): JobResponseDto {
  return withNative(
    {
      ...identity('job', connection, j.nativeId),
      type: j.type,
      status: j.status,
      ...(j.progress !== undefined ? { progress: j.progress } : {}),
      ...(j.startedAt ? { startedAt: j.startedAt } : {}),
      ...(j.endedAt ? { endedAt: j.endedAt } : {}),
      ...(j.resourceNativeId ? { resource: optionalId('resource', connection, j.resourceNativeId) } : {}),
      ...(j.policyNativeId ? { policy: optionalId('policy', connection, j.policyNativeId) } : {}),
      ...(j.recoveryPointNativeId ? { recoveryPoint: optionalId('recoveryPoint', connection, j.recoveryPointNativeId) } : {}),
      ...(j.error ? { error: j.error } : {}),
    },
    j.native,
    view,
  );
}

@Injectable()
export class JobsService {
  constructor(
    private readonly lists: ListService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
  ) {}

  async list(query: JobListQueryDto): Promise<JobListResponseDto> {
    const { resource, policy, connectionId } = await this.locator.locateScope(query);
    const outcome = await this.lists.list(
      JOBS,
      query,
      { type: query.type, status: query.status, resourceNativeId: resource?.nativeId, policyNativeId: policy?.nativeId, startedAfter: query.startedAfter },
      connectionId,
    );
    return { ...outcome, items: outcome.items.map((i) => toJobResponse(i.connection, i.record, query.view)) };
  }

  async get(id: string, view?: 'basic' | 'full'): Promise<JobResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'job');
    const record = await this.registry.invoke(connection, 'jobs.list', (s) => {
      if (!s.getJob) throw new CapabilityNotSupportedError(connection.provider, 'jobs.get');
      return s.getJob({ nativeId });
    });
    return toJobResponse(connection, record, view);
  }
}
