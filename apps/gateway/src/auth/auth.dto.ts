import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@backbridge/core';

export class AuthTokenRequestDto {
  @ApiProperty({ description: 'An API key (from POST /v1/api-keys, ADMIN_API_KEY, or printed by `npm start`).', example: 'bbk_1Vd4…' })
  @IsString()
  @Length(8, 512)
  apiKey: string;
}

export class AuthRefreshRequestDto {
  @ApiProperty({ description: 'The refresh token of an earlier POST /v1/auth/token.' })
  @IsString()
  @Length(16, 4096)
  refreshToken: string;
}

export class AuthTokenResponseDto {
  @ApiProperty({ description: 'A JWT to send as `Authorization: Bearer <token>`.' })
  accessToken: string;

  @ApiProperty({ description: 'Exchanges for a new access token at POST /v1/auth/refresh until it expires.' })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn: number;
}

export class ApiKeyCreateDto {
  @ApiProperty({ description: 'What the key is for.', example: 'nightly-report' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\p{L}\p{N} ._:-]+$/u, { message: 'may contain letters, digits, spaces and . _ : -' })
  name: string;

  @ApiProperty({ enum: ROLES, description: 'viewer (reads) < operator (backups, restores, policies) < admin (connections, providers, keys).', example: 'operator' })
  @IsIn(ROLES)
  role: Role;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'nightly-report' })
  name: string;

  @ApiProperty({ enum: ROLES, example: 'operator' })
  role: Role;

  @ApiProperty({ description: 'The first characters of the key, to recognise it.', example: 'bbk_1Vd4x2' })
  keyPrefix: string;

  @ApiProperty({ description: 'Whether the gateway manages the key itself (ADMIN_API_KEY, sandbox key).' })
  system: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt: string | null;
}

export class ApiKeyCreatedDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself: shown this once, stored only as a hash.', example: 'bbk_1Vd4x2…' })
  key: string;
}
