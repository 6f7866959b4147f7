import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RESOURCE_TYPES, type ResourceType } from '@backbridge/core';
import { ListQueryDto } from '../lists/list-query.dto';
import { ListResponseDto } from '../lists/list-response.dto';
import { UnifiedObjectDto } from '../common/unified-object.dto';

export class ResourceListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RESOURCE_TYPES })
  @IsOptional()
  @IsIn(RESOURCE_TYPES)
  type?: ResourceType;

  @ApiPropertyOptional({ description: 'Substring of the name, case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Only resources covered (true) or not covered (false) by a policy.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  protected?: boolean;

  @ApiPropertyOptional({ description: 'Only resources of this policy (policy id).' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  policy?: string;
}

export class ResourceResponseDto extends UnifiedObjectDto {
  @ApiProperty({ example: 'web-01' })
  name: string;

  @ApiProperty({ enum: RESOURCE_TYPES, example: 'vm' })
  type: ResourceType;

  @ApiProperty({ description: "The vendor's own type.", example: 'OS::Nova::Server' })
  nativeType: string;

  @ApiPropertyOptional({ example: 'ap-southeast-1' })
  region?: string;

  @ApiPropertyOptional({ example: 'ap-southeast-1a' })
  zone?: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { env: 'prod' } })
  tags: Record<string, string>;

  @ApiProperty({ type: [String], description: 'Ids of the policies that protect it.' })
  policies: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  lastBackupAt?: string;
}

export class ResourceListResponseDto extends ListResponseDto(ResourceResponseDto, 'ResourceListResponseDto') {}
