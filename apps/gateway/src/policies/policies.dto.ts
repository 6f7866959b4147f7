import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FREQUENCIES, WEEKDAYS } from '@backbridge/core';
import { UnifiedObjectDto } from '../common/unified-object.dto';
import { ListQueryDto } from '../lists/list-query.dto';
import { ListResponseDto } from '../lists/list-response.dto';

export class TimeOfDayDto {
  @ApiProperty({ minimum: 0, maximum: 23, example: 2 })
  hour: number;

  @ApiProperty({ minimum: 0, maximum: 59, example: 30 })
  minute: number;
}

/**
 * One schedule: the structured form, or `rrule`, or `cron` (each with an optional `timezone`).
 * The gateway checks the combination and parses strings into the structured form.
 */
export class ScheduleInputDto {
  @ApiPropertyOptional({ enum: FREQUENCIES, example: 'daily' })
  @IsOptional()
  @IsIn(FREQUENCIES)
  frequency?: string;

  @ApiPropertyOptional({ minimum: 1, example: 1, description: 'Every `interval` hours/days/weeks/months.' })
  @IsOptional()
  @IsInt()
  interval?: number;

  @ApiPropertyOptional({ type: TimeOfDayDto, description: 'Wall-clock time in `timezone` (hourly: the first run of the day).' })
  @IsOptional()
  @IsObject()
  at?: TimeOfDayDto;

  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true, description: 'Weekly schedules: the days.' })
  @IsOptional()
  @IsArray()
  daysOfWeek?: string[];

  @ApiPropertyOptional({ type: [Number], description: 'Monthly schedules: the days of the month (1-31).' })
  @IsOptional()
  @IsArray()
  daysOfMonth?: number[];

  @ApiPropertyOptional({ description: 'IANA time zone; default UTC.', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ description: 'Instead of the structured form: an RFC 5545 RRULE.', example: 'FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=30' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ description: 'Instead of the structured form: a 5-field cron expression.', example: '30 2 * * *' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cron?: string;
}

export class GfsRetentionDto {
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() daily?: number;
  @ApiPropertyOptional({ example: 4 }) @IsOptional() @IsInt() weekly?: number;
  @ApiPropertyOptional({ example: 12 }) @IsOptional() @IsInt() monthly?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() yearly?: number;
}

export class RetentionDto {
  @ApiPropertyOptional({ description: 'Keep the newest n recovery points.', example: 14 })
  @IsOptional()
  @IsInt()
  keepLast?: number;

  @ApiPropertyOptional({ description: 'Keep recovery points n days.', example: 30 })
  @IsOptional()
  @IsInt()
  keepDays?: number;

  @ApiPropertyOptional({ type: GfsRetentionDto, description: 'Grandfather-father-son counts.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GfsRetentionDto)
  gfs?: GfsRetentionDto;
}

export class PolicyCreateDto {
  @ApiProperty({ description: 'The connection the policy is created on.', format: 'uuid' })
  @IsUUID('all', { message: 'must be a connection id (UUID)' })
  connection: string;

  @ApiProperty({ example: 'daily-web' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Web servers, nightly' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ type: [ScheduleInputDto] })
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => ScheduleInputDto)
  schedules: ScheduleInputDto[];

  @ApiProperty({ type: RetentionDto })
  @ValidateNested()
  @Type(() => RetentionDto)
  retention: RetentionDto;

  @ApiPropertyOptional({ type: [String], description: 'Resource ids (of the same connection).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  resources?: string[];

  @ApiPropertyOptional({ description: 'Vault id (of the same connection), where the vendor needs one.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  vault?: string;
}

export class PolicyUpdateDto {
  @ApiPropertyOptional({ example: 'daily-web' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [ScheduleInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => ScheduleInputDto)
  schedules?: ScheduleInputDto[];

  @ApiPropertyOptional({ type: RetentionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention?: RetentionDto;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the resource ids.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  resources?: string[];

  @ApiPropertyOptional({ description: 'Vault id.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  vault?: string;
}

export class PolicyListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Substring of the name, case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Only policies protecting this resource (resource id).' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  resource?: string;
}

export class PolicyDeleteQueryDto {
  @ApiPropertyOptional({
    enum: ['delete-recovery-points'],
    description: 'Required where the vendor deletes the policy’s recovery points with it (capabilities.policies.deleteRemovesRecoveryPoints); ignored elsewhere.',
  })
  @IsOptional()
  @IsIn(['delete-recovery-points'])
  confirm?: 'delete-recovery-points';
}

export class ScheduleResponseDto {
  @ApiProperty({ enum: FREQUENCIES }) frequency: string;
  @ApiProperty({ example: 1 }) interval: number;
  @ApiProperty({ type: TimeOfDayDto }) at: TimeOfDayDto;
  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true }) daysOfWeek?: string[];
  @ApiPropertyOptional({ type: [Number] }) daysOfMonth?: number[];
  @ApiProperty({ example: 'UTC' }) timezone: string;
  @ApiProperty({ example: 'FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=30' }) rrule: string;
  @ApiPropertyOptional({ example: '30 2 * * *', description: 'Where cron can say it.' }) cron?: string;
}

export class PolicyResponseDto extends UnifiedObjectDto {
  @ApiProperty({ example: 'daily-web' }) name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: [ScheduleResponseDto] }) schedules: ScheduleResponseDto[];
  @ApiProperty({ type: RetentionDto }) retention: RetentionDto;
  @ApiProperty({ type: [String], description: 'Resource ids.' }) resources: string[];
  @ApiPropertyOptional({ description: 'Vault id.' }) vault?: string;
  @ApiProperty({ type: [String], description: 'What the vendor’s form of this policy cannot say exactly.' }) warnings: string[];
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
}

export class PolicyListResponseDto extends ListResponseDto(PolicyResponseDto, 'PolicyListResponseDto') {}

export class PolicyValidationResponseDto {
  @ApiProperty({ example: 'huawei-cbr' }) provider: string;
  @ApiProperty({ format: 'uuid' }) connection: string;
  @ApiProperty({ type: [ScheduleResponseDto], description: 'The schedules as parsed.' }) schedules: ScheduleResponseDto[];
  @ApiProperty({ type: RetentionDto }) retention: RetentionDto;
  @ApiProperty({ description: 'What the plugin would send to the vendor.', type: 'object', additionalProperties: true }) translation: unknown;
  @ApiProperty({ type: [String] }) warnings: string[];
}
