import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The fields every unified object carries. */
export class UnifiedObjectDto {
  @ApiProperty({ description: 'Opaque, URL-safe, stable id.', example: 'res_PxwrSp2OT3q2xRorPE1ebmktMGFiYzEyMw' })
  id: string;

  @ApiProperty({ description: 'Plugin id.', example: 'huawei-cbr' })
  provider: string;

  @ApiProperty({ description: 'Connection id.', format: 'uuid' })
  connection: string;

  @ApiProperty({ description: "The vendor's own id.", example: 'i-0abc123' })
  nativeId: string;

  @ApiPropertyOptional({ description: 'With `view=full`: the vendor object as received.', type: 'object', additionalProperties: true, nullable: true })
  native?: unknown;
}
