import { ConflictError } from '@backbridge/core';
import { NotFoundError, RateLimitedError, parseRetryAfterMs, type ProblemError, type VendorFailure } from '@backbridge/plugin-sdk';

/** 400 codes that say "something else is happening to this object now": a conflict, not a bad request. */
const CONFLICT_CODES = new Set([
  'BackupService.2002', // The resource is being backed up.
  'BackupService.2010', // The resource is being restored.
  'BackupService.6103', // The resource has been associated with a vault.
  'BackupService.6104', // Duplicate vault resources.
  'BackupService.6106', // The vault already exists.
  'BackupService.6125', // A backup task is in progress.
  'BackupService.6134', // Resources are being removed from the vault.
  'BackupService.6203', // Performing backups.
  'BackupService.7006', // The disk already exists in the vault.
  'BackupService.7116', // The server has been associated with the vault.
  'BackupService.0002', // (500) Resources are being backed up.
]);

function body(failure: VendorFailure): { error_code?: unknown; error_msg?: unknown; unauthorized?: { message?: unknown } } {
  return typeof failure.body === 'object' && failure.body !== null ? (failure.body as never) : {};
}

/**
 * CBR's special cases; everything else goes to the SDK's default table (401/403 credentials,
 * 404 not found, 429 rate limited, 5xx unavailable, other 4xx vendor_rejected). The client adds
 * the vendor's status, code and message to whatever this returns.
 */
export function translateCbrError(failure: VendorFailure): ProblemError | undefined {
  if (failure.kind !== 'http') return undefined;
  const { error_code: code, error_msg: message, unauthorized } = body(failure);
  const call = `${failure.method} ${failure.path}`;
  const said = typeof message === 'string' ? `: ${message}` : '.';
  if (typeof code === 'string' && CONFLICT_CODES.has(code)) return new ConflictError(`CBR refused ${call} for now${said}`);
  // CBR answers a missing backup or restore point with this 401 body (seen by the Terraform provider): it means "not found".
  if (failure.status === 401 && typeof unauthorized?.message === 'string' && /malformed request url/i.test(unauthorized.message)) {
    return new NotFoundError(`CBR found nothing at ${call}.`);
  }
  // The API gateway's throttling code, whatever status carries it.
  if (code === 'APIG.0308' || code === 'APIGW.0308') {
    const waitMs = parseRetryAfterMs(failure.headers['retry-after']) ?? 1000;
    return new RateLimitedError(`CBR is throttling ${call}${said}`, waitMs / 1000);
  }
  return undefined;
}
