import type { ResourceRecord, ResourceType } from '@backbridge/core';
import type { IbmObject } from '../dto/ibm.dto';

/**
 * Physical hosts are 'other' (the unified model has no plain server type and IBM does not say
 * whether a host is a VM); SQL databases are databases, SQL instances and AAGs applications.
 */
export function resourceTypeOf(environment: string, objectType: string | undefined): ResourceType {
  if (environment === 'kSQL') return objectType === 'kDatabase' ? 'database' : 'application';
  return 'other';
}

export function toResourceRecord(object: IbmObject): ResourceRecord {
  const infos = object.objectProtectionInfos ?? [];
  const policyNativeIds = [...new Set(infos.flatMap((info) => (info.protectionGroups ?? []).map((g) => g.id)))].sort();
  const region = infos.find((info) => info.regionId)?.regionId;
  return {
    nativeId: String(object.id),
    name: object.name,
    type: resourceTypeOf(object.environment, object.objectType),
    nativeType: `${object.environment}/${object.objectType ?? 'unknown'}`,
    ...(region && { region }),
    tags: {},
    policyNativeIds,
    native: object,
  };
}
