import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  RECOVERY_POINT_KINDS,
  RECOVERY_POINT_STATUSES,
  RESOURCE_TYPES,
  type RecoveryPointKind,
  type RecoveryPointStatus,
  type ResourceType,
} from '@backbridge/core';
import { UnifiedObjectDto } from '../common/unified-object.dto';
import { ResourcePolicyListQueryDto } from '../lists/list-query.dto';
import { ListResponseDto } from '../lists/list-response.dto';

export class RecoveryPointListQueryDto extends ResourcePolicyListQueryDto {

  @ApiPropertyOptional({ enum: RECOVERY_POINT_STATUSES })
  @IsOptional()
  @IsIn(RECOVERY_POINT_STATUSES)
  status?: RecoveryPointStatus;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdAfter?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdBefore?: string;
}

export class RecoveryPointResponseDto extends UnifiedObjectDto {
  @ApiProperty({ description: 'Resource id.' })
  resource: string;

  @ApiPropertyOptional({ example: 'web-01' })
  resourceName?: string;

  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  resourceType?: ResourceType;

  @ApiPropertyOptional({ description: 'Policy id.' })
  policy?: string;

  @ApiPropertyOptional({ description: 'Vault id.' })
  vault?: string;

  @ApiProperty({ enum: RECOVERY_POINT_STATUSES })
  status: RecoveryPointStatus;

  @ApiProperty({ enum: RECOVERY_POINT_KINDS })
  kind: RecoveryPointKind;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  completedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ example: 10737418240 })
  sizeBytes?: number;

  @ApiPropertyOptional({ example: 'ap-southeast-1' })
  region?: string;
}

export class RecoveryPointListResponseDto extends ListResponseDto(RecoveryPointResponseDto, 'RecoveryPointListResponseDto') {}

export class RestoreOptionsResponseDto {
  @ApiProperty({ description: 'Recovery point id.' })
  recoveryPoint: string;

  @ApiProperty({ description: 'JSON Schema of what `target` accepts.', type: 'object', additionalProperties: true })
  target: Record<string, unknown>;

  @ApiProperty({ description: 'JSON Schema of what `options` accepts, with defaults.', type: 'object', additionalProperties: true })
  options: Record<string, unknown>;
}
