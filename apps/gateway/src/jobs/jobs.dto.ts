import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { JOB_TYPES, WORK_STATUSES, type JobType, type WorkStatus } from '@backbridge/core';
import { UnifiedObjectDto } from '../common/unified-object.dto';
import { ResourcePolicyListQueryDto } from '../lists/list-query.dto';
import { ListResponseDto } from '../lists/list-response.dto';

export class JobListQueryDto extends ResourcePolicyListQueryDto {
  @ApiPropertyOptional({ enum: JOB_TYPES })
  @IsOptional()
  @IsIn(JOB_TYPES)
  type?: JobType;

  @ApiPropertyOptional({ enum: WORK_STATUSES })
  @IsOptional()
  @IsIn(WORK_STATUSES)
  status?: WorkStatus;


  @ApiPropertyOptional({ format: 'date-time', description: 'Only jobs started at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedAfter?: string;
}

export class JobErrorDto {
  @ApiProperty({ example: 'BackupService.6100' })
  code: string;

  @ApiProperty({ example: 'The disk is being resized.' })
  message: string;
}

export class JobResponseDto extends UnifiedObjectDto {
  @ApiProperty({ enum: JOB_TYPES })
  type: JobType;

  @ApiProperty({ enum: WORK_STATUSES })
  status: WorkStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  progress?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  endedAt?: string;

  @ApiPropertyOptional({ description: 'Resource id.' })
  resource?: string;

  @ApiPropertyOptional({ description: 'Policy id.' })
  policy?: string;

  @ApiPropertyOptional({ description: 'Recovery point id.' })
  recoveryPoint?: string;

  @ApiPropertyOptional({ type: JobErrorDto })
  error?: JobErrorDto;
}

export class JobListResponseDto extends ListResponseDto(JobResponseDto, 'JobListResponseDto') {}
