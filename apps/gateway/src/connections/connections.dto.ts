import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

export class ConnectionCreateDto {
  @ApiProperty({ description: 'Plugin id.', example: 'huawei-cbr' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a plugin id such as huawei-cbr' })
  provider: string;

  @ApiProperty({ description: 'Unique name.', example: 'cbr-production' })
  @IsString()
  @Length(1, 100)
  @Matches(NAME, { message: 'may contain letters, digits, spaces and . _ - (starting with a letter or digit)' })
  name: string;

  @ApiProperty({ description: "The vendor API's base URL.", example: 'https://cbr.ap-southeast-1.myhuaweicloud.com' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  endpoint: string;

  @ApiPropertyOptional({ description: 'Vendor region, where it has regions.', example: 'ap-southeast-1' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  region?: string;

  @ApiPropertyOptional({ description: "Plugin settings, per the provider's connectionSchema.config.", type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiProperty({
    description: "Secrets, per the provider's connectionSchema.credentials. Write-only: stored encrypted, never returned.",
    type: 'object',
    additionalProperties: true,
    example: { type: 'token', username: 'backup-svc', password: '…' },
  })
  @IsObject()
  credentials: Record<string, unknown>;
}

export class ConnectionUpdateDto {
  @ApiPropertyOptional({ example: 'cbr-production' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(NAME, { message: 'may contain letters, digits, spaces and . _ - (starting with a letter or digit)' })
  name?: string;

  @ApiPropertyOptional({ example: 'https://cbr.ap-southeast-1.myhuaweicloud.com' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  endpoint?: string;

  @ApiPropertyOptional({ example: 'ap-southeast-1' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  region?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the whole config.' })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the stored credentials (write-only).' })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ConnectionWriteQueryDto {
  @ApiPropertyOptional({ description: 'Check the endpoint and credentials live against the vendor first (default true).', default: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  validate?: boolean;
}

export class ConnectionCredentialsViewDto {
  @ApiProperty({ description: 'The kind of credentials stored.', example: 'token' })
  type: string;

  @ApiProperty({ example: true })
  configured: boolean;
}

export class ConnectionStatusDto {
  @ApiProperty({ enum: ['ok', 'error', 'unknown'] })
  state: 'ok' | 'error' | 'unknown';

  @ApiPropertyOptional({ format: 'date-time' })
  checkedAt?: string;

  @ApiPropertyOptional({ example: 'Authenticated to project 0a1b…' })
  message?: string;
}

export class ConnectionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'huawei-cbr' })
  provider: string;

  @ApiProperty({ example: 'cbr-production' })
  name: string;

  @ApiProperty({ example: 'https://cbr.ap-southeast-1.myhuaweicloud.com' })
  endpoint: string;

  @ApiPropertyOptional({ example: 'ap-southeast-1' })
  region?: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  config: Record<string, unknown>;

  @ApiProperty({ type: ConnectionCredentialsViewDto, description: 'Never the secrets themselves.' })
  credentials: ConnectionCredentialsViewDto;

  @ApiProperty({ type: ConnectionStatusDto })
  status: ConnectionStatusDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
