/**
 * The errors a plugin throws. They are the core's problem classes: only these cross the plugin
 * boundary; the gateway turns anything else into `vendor_unavailable`.
 */
export {
  CapabilityNotSupportedError,
  NotFoundError,
  ProblemError,
  RateLimitedError,
  ValidationFailedError,
  VendorRejectedError,
  VendorTimeoutError,
  VendorUnauthorizedError,
  VendorUnavailableError,
  type VendorErrorDetail,
} from '@backbridge/core';
