import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OPERATION_TYPES, WORK_STATUSES, type OperationType, type WorkStatus } from '@backbridge/core';
import { ProblemDto } from '../common/problem.dto';
import { PageQueryDto } from '../lists/list-query.dto';

export class OperationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OPERATION_TYPES })
  @IsOptional()
  @IsIn(OPERATION_TYPES)
  type?: OperationType;

  @ApiPropertyOptional({ enum: WORK_STATUSES })
  @IsOptional()
  @IsIn(WORK_STATUSES)
  status?: WorkStatus;

  @ApiPropertyOptional({ example: 'huawei-cbr' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a plugin id' })
  provider?: string;
}

export class OperationProgressDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) percent?: number;
  @ApiPropertyOptional() done?: number;
  @ApiPropertyOptional() total?: number;
  @ApiPropertyOptional({ enum: ['bytes', 'items'] }) unit?: 'bytes' | 'items';
}

export class OperationResultDto {
  @ApiPropertyOptional({ type: [String], description: 'Recovery point ids made by a backup.' }) recoveryPoints?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Resource ids restored.' }) resources?: string[];
}

export class OperationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OPERATION_TYPES }) type: OperationType;
  @ApiProperty({ enum: WORK_STATUSES }) status: WorkStatus;
  @ApiProperty({ description: 'True once the status is final (succeeded, partially_succeeded, failed, cancelled).' }) done: boolean;
  @ApiPropertyOptional({ type: OperationProgressDto }) progress?: OperationProgressDto;
  @ApiPropertyOptional({ example: 'job is running' }) statusMessage?: string;
  @ApiProperty({ example: 'huawei-cbr' }) provider: string;
  @ApiProperty({ format: 'uuid' }) connection: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The request as the client sent it.' }) request: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Job id of the vendor’s record of this work.' }) job?: string;
  @ApiPropertyOptional({ type: OperationResultDto }) result?: OperationResultDto;
  @ApiPropertyOptional({ type: ProblemDto }) error?: ProblemDto;
  @ApiProperty({ description: 'The principal that started it.', example: 'key:3f1c…' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OperationListResponseDto {
  @ApiProperty({ type: [OperationResponseDto] }) items: OperationResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextPageToken: string | null;
}
