import { loadFixture } from '../../test/load-fixture';
import type { IbmObjectSnapshot } from '../dto/ibm.dto';
import { restoredResourceOf, toRecoveryRequest } from './restore.mapper';

describe('restore mapper', () => {
  const seed = loadFixture<{ name: string; snapshotEnvironment: string; physicalParams: { objects: { snapshotId: string }[] } }>('create-recovery.json');
  const snapshot: IbmObjectSnapshot = {
    id: seed.physicalParams.objects[0].snapshotId,
    objectId: 1,
    environment: 'kPhysical',
    protectionGroupId: '5901263190628181:1725393921826:101',
  };

  it('builds a physical recovery shaped like the seed example, restoring files to the original host', () => {
    const request = toRecoveryRequest(seed.name, snapshot, { mode: 'original' }, { paths: ['/etc/'] });
    expect(request).toMatchObject({ name: seed.name, snapshotEnvironment: seed.snapshotEnvironment, physicalParams: { objects: [{ snapshotId: snapshot.id }] } });
    expect(request.physicalParams).toMatchObject({
      recoveryAction: 'RecoverFiles',
      recoverFileAndFolderParams: {
        targetEnvironment: 'kPhysical',
        filesAndFolders: [{ absolutePath: '/etc/', isDirectory: true }],
        physicalTargetParams: { recoverTarget: { id: 1 }, restoreToOriginalPaths: true, overwriteExisting: true },
      },
    });
  });

  it('restores a SQL database over itself', () => {
    const request = toRecoveryRequest('r', { ...snapshot, environment: 'kSQL' }, { mode: 'original' }, { overwrite: false });
    expect(request).toEqual({
      name: 'r',
      snapshotEnvironment: 'kSQL',
      mssqlParams: {
        recoveryAction: 'RecoverApps',
        recoverAppParams: [{ snapshotId: snapshot.id, targetEnvironment: 'kSQL', sqlTargetParams: { recoverToNewSource: false, originalSourceConfig: { overwritingPolicy: 'FailIfExists' } } }],
      },
    });
  });

  it('restores files to another host under a directory', () => {
    const request = toRecoveryRequest('r', snapshot, { mode: 'alternate', location: { hostId: '12', path: '/restore' } }, {});
    expect(request.physicalParams).toMatchObject({
      recoverFileAndFolderParams: { physicalTargetParams: { recoverTarget: { id: 12 }, restoreToOriginalPaths: false, alternateRestoreDirectory: '/restore' } },
    });
    expect(restoredResourceOf(snapshot, { mode: 'alternate', location: { hostId: '12', path: '/restore' } })).toBe('12');
  });

  it('restores a SQL database as a new database on another instance, and says what is missing', () => {
    const target = { mode: 'alternate' as const, name: 'sales_copy', location: { hostId: '14', instanceName: 'MSSQLSERVER', dataFileDirectoryLocation: 'D:/data', logFileDirectoryLocation: 'L:/log' } };
    const request = toRecoveryRequest('r', { ...snapshot, environment: 'kSQL' }, target, {});
    expect(request.mssqlParams).toMatchObject({
      recoverAppParams: [{ sqlTargetParams: { recoverToNewSource: true, newSourceConfig: { host: { id: 14 }, instanceName: 'MSSQLSERVER', databaseName: 'sales_copy' } } }],
    });
    expect(() => toRecoveryRequest('r', { ...snapshot, environment: 'kSQL' }, { mode: 'alternate', location: { hostId: '14' } }, {})).toThrow(/instanceName/);
    expect(() => toRecoveryRequest('r', snapshot, { mode: 'alternate', location: { path: '/x' } }, {})).toThrow(/hostId/);
  });
});
