import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class RestoreTargetDto {
  @ApiProperty({ enum: ['original', 'alternate'], description: 'Over the original resource, or to a new/other one.' })
  @IsIn(['original', 'alternate'])
  mode: 'original' | 'alternate';

  @ApiPropertyOptional({ description: 'Alternate restores: the new resource’s name.', example: 'web-01-restored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Alternate restores: where, per GET /v1/recovery-points/{id}/restore-options.', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  location?: Record<string, unknown>;
}

export class RestoreCreateDto {
  @ApiProperty({ description: 'Recovery point id.' })
  @IsString()
  @MaxLength(2048)
  recoveryPoint: string;

  @ApiProperty({ type: RestoreTargetDto })
  @ValidateNested()
  @Type(() => RestoreTargetDto)
  target: RestoreTargetDto;

  @ApiPropertyOptional({ description: 'Per GET /v1/recovery-points/{id}/restore-options.', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}
