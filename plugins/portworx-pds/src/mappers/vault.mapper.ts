import type { VaultRecord } from '@backbridge/core';
import type { PdsBackupTarget } from '../dto/backup.dto';
import { isoTime } from './time';

/** A PDS backup target is a bucket (S3, S3-compatible) or an Azure container. */
export function toVaultRecord(target: PdsBackupTarget): VaultRecord {
  const createdAt = isoTime(target.created_at);
  return {
    nativeId: target.id,
    name: target.name,
    kind: 'bucket',
    ...(target.region && { region: target.region }),
    ...(createdAt && { createdAt }),
    native: target,
  };
}
