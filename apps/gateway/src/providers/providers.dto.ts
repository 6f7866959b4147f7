import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { FREQUENCIES, RESOURCE_TYPES, RETENTION_RULES } from '@backbridge/core';

class ResourceCapabilitiesDto {
  @ApiProperty() list: boolean;
  @ApiProperty({ enum: RESOURCE_TYPES, isArray: true, description: 'Unified resource types the vendor protects.' }) types: string[];
}

class ScheduleCapabilitiesDto {
  @ApiProperty({ enum: FREQUENCIES, isArray: true }) frequencies: string[];
}

class PolicyCapabilitiesDto {
  @ApiProperty() list: boolean;
  @ApiProperty() create: boolean;
  @ApiProperty() update: boolean;
  @ApiProperty() delete: boolean;
  @ApiProperty({ description: 'On-demand run of a whole policy.' }) run: boolean;
  @ApiProperty({ description: 'The vendor deletes a policy’s recovery points with it (DELETE needs ?confirm=delete-recovery-points).' })
  deleteRemovesRecoveryPoints: boolean;
  @ApiProperty({ type: ScheduleCapabilitiesDto }) schedule: ScheduleCapabilitiesDto;
  @ApiProperty({ enum: RETENTION_RULES, isArray: true }) retention: string[];
}

class BackupCapabilitiesDto {
  @ApiProperty() onDemand: boolean;
}

class RecoveryPointCapabilitiesDto {
  @ApiProperty() list: boolean;
  @ApiProperty() delete: boolean;
}

class RestoreCapabilitiesDto {
  @ApiProperty({ description: 'Restore over the original resource.' }) original: boolean;
  @ApiProperty({ description: 'Restore to a new or other resource.' }) alternate: boolean;
}

class JobCapabilitiesDto {
  @ApiProperty() list: boolean;
  @ApiProperty() cancel: boolean;
}

class VaultCapabilitiesDto {
  @ApiProperty() list: boolean;
}

class ListDeclarationDto {
  @ApiProperty({ description: 'Filters the plugin sends to the vendor (every item it returns satisfies them); the gateway applies the others.', type: [String], example: ['resourceNativeId', 'status'] })
  pushedFilters: string[];

  @ApiProperty({
    description: 'Orders the plugin streams page by page in bounded memory; other orders read the whole vendor list for every page.',
    type: [String],
    enum: ['createdAt asc', 'createdAt desc', 'name asc', 'name desc'],
    example: ['createdAt desc', 'createdAt asc'],
  })
  streamedOrders: string[];
}

class ListingDeclarationsDto {
  @ApiProperty({ type: ListDeclarationDto }) resources: ListDeclarationDto;
  @ApiProperty({ type: ListDeclarationDto }) policies: ListDeclarationDto;
  @ApiProperty({ type: ListDeclarationDto }) recoveryPoints: ListDeclarationDto;
  @ApiProperty({ type: ListDeclarationDto }) jobs: ListDeclarationDto;
  @ApiProperty({ type: ListDeclarationDto }) vaults: ListDeclarationDto;
}

export class CapabilitiesDto {
  @ApiProperty({ type: ResourceCapabilitiesDto }) resources: ResourceCapabilitiesDto;
  @ApiProperty({ type: PolicyCapabilitiesDto }) policies: PolicyCapabilitiesDto;
  @ApiProperty({ type: BackupCapabilitiesDto }) backups: BackupCapabilitiesDto;
  @ApiProperty({ type: RecoveryPointCapabilitiesDto }) recoveryPoints: RecoveryPointCapabilitiesDto;
  @ApiProperty({ type: RestoreCapabilitiesDto }) restores: RestoreCapabilitiesDto;
  @ApiProperty({ type: JobCapabilitiesDto }) jobs: JobCapabilitiesDto;
  @ApiProperty({ type: VaultCapabilitiesDto }) vaults: VaultCapabilitiesDto;
  @ApiProperty({ description: 'The vendor queues a second backup or restore of a resource itself (no 409 from the gateway).' })
  queuesConcurrentWork: boolean;
  @ApiProperty({ type: ListingDeclarationsDto, description: 'Per list: what the plugin pushes down to the vendor and which orders it streams.' })
  listing: ListingDeclarationsDto;
}

export class ConnectionSchemaDto {
  @ApiProperty({ description: 'What `endpoint` means for this vendor.', example: { description: 'CPM server URL', example: 'https://cpm.example.com' } })
  endpoint: { description: string; example: string };

  @ApiProperty({ description: 'JSON Schema of the connection `config`.', type: 'object', additionalProperties: true })
  config: Record<string, unknown>;

  @ApiProperty({ description: 'JSON Schema of the connection `credentials` (write-only).', type: 'object', additionalProperties: true })
  credentials: Record<string, unknown>;
}

export class ProviderResponseDto {
  @ApiProperty({ description: 'Plugin id.', example: 'huawei-cbr' })
  id: string;

  @ApiProperty({ example: 'Huawei Cloud CBR' })
  displayName: string;

  @ApiProperty({ description: 'The plugin’s own version.', example: '0.1.0' })
  version: string;

  @ApiProperty({ description: 'Disabled plugins are left out of lists; calls that reach them answer 409 provider_disabled.' })
  enabled: boolean;

  @ApiProperty({ type: CapabilitiesDto })
  capabilities: CapabilitiesDto;

  @ApiProperty({ type: ConnectionSchemaDto })
  connectionSchema: ConnectionSchemaDto;
}

export class ProviderUpdateDto {
  @ApiProperty({ description: 'Enable or disable the plugin on every instance, at once.', example: false })
  @IsBoolean()
  enabled: boolean;
}
