import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ description: 'The field, as a path into the request (e.g. `schedules[0].at.hour`).', example: 'pageSize' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it.', example: 'must not be greater than 500' })
  message: string;
}

export class VendorErrorDto {
  @ApiPropertyOptional({ description: "The vendor's HTTP status.", example: 412 })
  status?: number;

  @ApiPropertyOptional({ description: "The vendor's own error code.", example: 'BackupService.6100' })
  code?: string;

  @ApiPropertyOptional({ description: "The vendor's message, with secrets redacted.", example: 'Policy name already exists' })
  message?: string;
}

/** RFC 9457 problem details, as every error of the API is answered. */
export class ProblemDto {
  @ApiProperty({ description: 'A URI naming the kind of problem.', example: 'urn:backbridge:problem:not_found' })
  type: string;

  @ApiProperty({ description: 'A short summary of the kind of problem.', example: 'Not found' })
  title: string;

  @ApiProperty({ description: 'The HTTP status.', example: 404 })
  status: number;

  @ApiProperty({ description: 'What went wrong, for a person.', example: "Connection '3f1c…' does not exist." })
  detail: string;

  @ApiProperty({ description: 'The request path.', example: '/v1/connections/3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f' })
  instance: string;

  @ApiProperty({
    description: 'Stable machine-readable code.',
    enum: [
      'validation_failed',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'provider_disabled',
      'idempotency_key_reused',
      'vendor_rejected',
      'rate_limited',
      'capability_not_supported',
      'vendor_unavailable',
      'vendor_timeout',
      'internal',
    ],
    example: 'not_found',
  })
  code: string;

  @ApiPropertyOptional({ description: 'The request id (also in the `x-request-id` header), to quote in reports.' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Each invalid field (validation_failed).' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'The plugin id the problem came from.', example: 'huawei-cbr' })
  provider?: string;

  @ApiPropertyOptional({ description: 'The connection id the problem came from.' })
  connection?: string;

  @ApiPropertyOptional({ type: VendorErrorDto, description: 'What the vendor answered.' })
  vendor?: VendorErrorDto;

  @ApiPropertyOptional({ description: 'The capability that is missing (capability_not_supported).', example: 'restores.alternate' })
  capability?: string;

  @ApiPropertyOptional({ description: 'The operation concerned (conflict with a running operation).' })
  operation?: string;
}
