import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const asArray = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** Page size and token, common to every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Items per page (1-500).', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'The `nextPageToken` of the previous page, with the same filters and order.' })
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  pageToken?: string;
}

/** Paging, order and scope common to every merged list. */
export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '`createdAt` or `name`, optionally followed by ` asc` or ` desc`.', example: 'createdAt desc' })
  @IsOptional()
  @Matches(/^(createdAt|name)( (asc|desc))?$/, { message: "must be 'createdAt' or 'name', optionally followed by ' asc' or ' desc'" })
  orderBy?: string;

  @ApiPropertyOptional({ description: 'Only these providers (repeatable).', type: [String], example: ['huawei-cbr'] })
  @IsOptional()
  @Transform(asArray)
  @IsArray()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'must be plugin ids' })
  provider?: string[];

  @ApiPropertyOptional({ description: 'Only these connections (repeatable).', type: [String], format: 'uuid' })
  @IsOptional()
  @Transform(asArray)
  @IsArray()
  @IsUUID('all', { each: true, message: 'must be connection ids (UUIDs)' })
  connection?: string[];

  @ApiPropertyOptional({ description: '`full` adds `native`, the vendor object as received.', enum: ['basic', 'full'] })
  @IsOptional()
  @IsIn(['basic', 'full'])
  view?: 'basic' | 'full';
}

export class ViewQueryDto {
  @ApiPropertyOptional({ description: '`full` adds `native`, the vendor object as received.', enum: ['basic', 'full'] })
  @IsOptional()
  @IsIn(['basic', 'full'])
  view?: 'basic' | 'full';
}

/** Lists that can be narrowed to one resource or one policy (recovery points, jobs). */
export class ResourcePolicyListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Resource id.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  resource?: string;

  @ApiPropertyOptional({ description: 'Policy id.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  policy?: string;
}
