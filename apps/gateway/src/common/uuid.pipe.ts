import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '@backbridge/core';

/** Path ids of gateway records (connections, operations, API keys) are UUIDs. */
export function uuidPipe(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => ValidationFailedError.field(field, 'must be a UUID') });
}
