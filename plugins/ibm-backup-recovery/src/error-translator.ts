import { ConflictError, type ProblemError } from '@backbridge/core';
import { NotFoundError, VendorRejectedError, VendorUnauthorizedError, type VendorFailure } from '@backbridge/plugin-sdk';
import type { IbmErrorBody } from './dto/ibm.dto';

function bodyOf(failure: VendorFailure): IbmErrorBody {
  return typeof failure.body === 'object' && failure.body !== null ? (failure.body as IbmErrorBody) : {};
}

/**
 * IBM's `{errorCode, message}` bodies to the SDK's errors. The service's own codes decide where
 * they are unambiguous; 429, 5xx, timeouts and network failures fall to the default table.
 */
export function translateIbmError(failure: VendorFailure): ProblemError | undefined {
  // Throttling and server failures are the default table's (rate_limited with the wait, vendor_unavailable).
  if (failure.kind !== 'http' || failure.status === 429 || (failure.status ?? 0) >= 500) return undefined;
  const body = bodyOf(failure);
  const code = body.errorCode;
  const said = body.message ?? body.errorMessage;
  const call = `${failure.method} ${failure.path}`;
  const vendor = { status: failure.status, ...(code !== undefined && { code }), ...(said !== undefined && { message: said }) };
  const suffix = said ? `: ${said}` : '.';
  switch (code) {
    case 'KEntityNotExistsError':
      return new NotFoundError(`IBM Backup and Recovery found nothing at ${call}${suffix}`, { vendor });
    case 'KDuplicateError':
      return new ConflictError(`IBM Backup and Recovery refused ${call}: the name is taken${suffix}`, { vendor });
    case 'KStatusUnauthorized':
    case 'KAccessDenied':
      return new VendorUnauthorizedError(`IBM Backup and Recovery refused the API key or tenant for ${call} (HTTP ${failure.status})${suffix}`, { vendor });
    case 'KValidationError':
      return new VendorRejectedError(`IBM Backup and Recovery rejected ${call}${suffix}`, { vendor });
  }
  if (failure.status === 409) return new ConflictError(`IBM Backup and Recovery refused ${call} (HTTP 409)${suffix}`, { vendor });
  return undefined;
}
