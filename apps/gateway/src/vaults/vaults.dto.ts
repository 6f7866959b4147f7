import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VAULT_KINDS, type VaultKind } from '@backbridge/core';
import { UnifiedObjectDto } from '../common/unified-object.dto';
import { ListResponseDto } from '../lists/list-response.dto';

export class VaultResponseDto extends UnifiedObjectDto {
  @ApiProperty({ example: 'vault-prod' })
  name: string;

  @ApiProperty({ enum: VAULT_KINDS })
  kind: VaultKind;

  @ApiPropertyOptional({ example: 'ap-southeast-1' })
  region?: string;

  @ApiPropertyOptional({ example: 1099511627776 })
  capacityBytes?: number;

  @ApiPropertyOptional({ example: 214748364800 })
  usedBytes?: number;
}

export class VaultListResponseDto extends ListResponseDto(VaultResponseDto, 'VaultListResponseDto') {}
