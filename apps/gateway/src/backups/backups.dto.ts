import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { RetentionDto } from '../policies/policies.dto';

export class BackupCreateDto {
  @ApiProperty({ description: 'Resource id to back up now.' })
  @IsString()
  @MaxLength(2048)
  resource: string;

  @ApiPropertyOptional({ description: 'Policy id whose settings the run follows, where the vendor needs one.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  policy?: string;

  @ApiPropertyOptional({ type: RetentionDto, description: 'How long to keep this recovery point, where the vendor allows it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention?: RetentionDto;
}
