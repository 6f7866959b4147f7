import { ConflictError } from '@backbridge/core';
import {
  defaultVendorError,
  vendorErrorDetailOf,
  VendorUnauthorizedError,
  type ProblemError,
  type VendorFailure,
} from '@backbridge/plugin-sdk';

const TOKEN_PATH = '/service-identity/generate-token';

/**
 * PDS documents statuses but no error body, so failures are translated by status code alone
 * (the message, when the body has one, is only carried along):
 * - 409 (name exists, delete blocked by constraints) and 422 on DELETE of a backup job ("Deployment
 *   Target not healthy") are conflicts a retry later may resolve;
 * - 400/422 from the token exchange mean the service identity's credentials are refused;
 * - everything else follows the SDK's default table (401/403, 404, 429, 5xx, other 4xx).
 */
export function translatePdsError(failure: VendorFailure): ProblemError | undefined {
  if (failure.kind !== 'http') return undefined;
  const vendor = vendorErrorDetailOf(failure);
  const call = `${failure.method} ${failure.path}`;
  const said = vendor.message ? `: ${vendor.message}` : '.';
  if (failure.path.startsWith(TOKEN_PATH) && (failure.status === 400 || failure.status === 422)) {
    return new VendorUnauthorizedError(`PDS refused the service identity's client id or token (HTTP ${failure.status})${said}`, { vendor });
  }
  if (failure.status === 409) return new ConflictError(`PDS refused ${call} because of a conflict${said}`, { vendor });
  if (failure.status === 422 && failure.method === 'DELETE' && /^\/api\/backup-jobs\//.test(failure.path)) {
    return new ConflictError(`PDS cannot delete the backup job now${said}`, { vendor });
  }
  return defaultVendorError(failure);
}
