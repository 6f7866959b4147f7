import { ValidationFailedError } from '@backbridge/core';
import type { RestoreTarget } from '@backbridge/plugin-sdk';
import type { IbmObjectSnapshot } from '../dto/ibm.dto';

export interface RestoreOptions {
  /** Physical hosts: the paths to restore (default: everything, '/'). */
  paths?: string[];
  /** Overwrite files or the database that exist at the target. */
  overwrite?: boolean;
}

/** Where an alternate restore goes: `hostId` is the IBM object id (the resource's nativeId) of a host. */
interface AlternateLocation {
  hostId?: string;
  path?: string;
  instanceName?: string;
  dataFileDirectoryLocation?: string;
  logFileDirectoryLocation?: string;
}

function hostIdOf(location: AlternateLocation): number {
  if (location.hostId === undefined || !/^\d+$/.test(String(location.hostId))) {
    throw ValidationFailedError.field('target.location.hostId', 'the IBM object id of the host to restore to is required');
  }
  return Number(location.hostId);
}

function required(location: AlternateLocation, key: keyof AlternateLocation, what: string): string {
  const value = location[key];
  if (typeof value !== 'string' || value === '') throw ValidationFailedError.field(`target.location.${key}`, `${what} is required for an alternate restore`);
  return value;
}

/**
 * A Recovery request for one object snapshot: files and folders of a physical host (RecoverFiles),
 * or a SQL database (RecoverApps), over the original or to another host.
 */
export function toRecoveryRequest(name: string, snapshot: IbmObjectSnapshot, target: RestoreTarget, options: RestoreOptions): Record<string, unknown> {
  const overwrite = options.overwrite ?? true;
  const location = (target.mode === 'alternate' ? (target.location ?? {}) : {}) as AlternateLocation;
  if (snapshot.environment === 'kPhysical') {
    const paths = options.paths?.length ? options.paths : ['/'];
    const physicalTargetParams =
      target.mode === 'original'
        ? { recoverTarget: { id: snapshot.objectId }, restoreToOriginalPaths: true, overwriteExisting: overwrite, preserveAttributes: true }
        : {
            recoverTarget: { id: hostIdOf(location) },
            restoreToOriginalPaths: false,
            alternateRestoreDirectory: required(location, 'path', 'the directory to restore into'),
            overwriteExisting: overwrite,
            preserveAttributes: true,
          };
    return {
      name,
      snapshotEnvironment: 'kPhysical',
      physicalParams: {
        objects: [{ snapshotId: snapshot.id, ...(snapshot.protectionGroupId && { protectionGroupId: snapshot.protectionGroupId }) }],
        recoveryAction: 'RecoverFiles',
        recoverFileAndFolderParams: {
          targetEnvironment: 'kPhysical',
          filesAndFolders: paths.map((absolutePath) => ({ absolutePath, isDirectory: absolutePath.endsWith('/') })),
          physicalTargetParams,
        },
      },
    };
  }
  if (snapshot.environment === 'kSQL') {
    const overwritingPolicy = overwrite ? 'Overwrite' : 'FailIfExists';
    const sqlTargetParams =
      target.mode === 'original'
        ? { recoverToNewSource: false, originalSourceConfig: { overwritingPolicy } }
        : {
            recoverToNewSource: true,
            newSourceConfig: {
              host: { id: hostIdOf(location) },
              instanceName: required(location, 'instanceName', 'the SQL Server instance name'),
              dataFileDirectoryLocation: required(location, 'dataFileDirectoryLocation', 'the data file directory'),
              logFileDirectoryLocation: required(location, 'logFileDirectoryLocation', 'the log file directory'),
              ...(target.name !== undefined && { databaseName: target.name }),
              overwritingPolicy,
            },
          };
    return {
      name,
      snapshotEnvironment: 'kSQL',
      mssqlParams: { recoveryAction: 'RecoverApps', recoverAppParams: [{ snapshotId: snapshot.id, targetEnvironment: 'kSQL', sqlTargetParams }] },
    };
  }
  throw ValidationFailedError.field('recoveryPointId', `snapshots of the IBM environment '${snapshot.environment}' cannot be restored by this plugin`);
}

/** The resource a restore writes to, when it is one IBM already knows (a new database is not, until the host is refreshed). */
export function restoredResourceOf(snapshot: IbmObjectSnapshot, target: RestoreTarget): string | undefined {
  if (target.mode === 'original') return String(snapshot.objectId);
  const hostId = (target.location as AlternateLocation | undefined)?.hostId;
  return snapshot.environment === 'kPhysical' && hostId !== undefined ? String(hostId) : undefined;
}

export const RESTORE_OPTIONS_SCHEMA = {
  target: {
    type: 'object',
    properties: {
      mode: { enum: ['original', 'alternate'] },
      name: { type: 'string', minLength: 1, description: 'SQL alternate restores: the new database name.' },
      location: {
        type: 'object',
        description: 'Alternate restores: hostId (the IBM object id, i.e. the resource nativeId, of the target host); hosts: path; SQL: instanceName, dataFileDirectoryLocation, logFileDirectoryLocation.',
        properties: {
          hostId: { type: 'string', pattern: '^\\d+$' },
          path: { type: 'string', minLength: 1 },
          instanceName: { type: 'string', minLength: 1 },
          dataFileDirectoryLocation: { type: 'string', minLength: 1 },
          logFileDirectoryLocation: { type: 'string', minLength: 1 },
        },
        additionalProperties: false,
      },
    },
    required: ['mode'],
  },
  options: {
    type: 'object',
    properties: {
      paths: { type: 'array', items: { type: 'string', pattern: '^/' }, description: 'Physical hosts: absolute paths to restore (default /). Ignored for SQL databases.' },
      overwrite: { type: 'boolean', default: true, description: 'Overwrite existing files, or the existing database.' },
    },
    additionalProperties: false,
  },
};
