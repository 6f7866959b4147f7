import type { EmulatorResponse } from '@backbridge/emulator-kit';

/**
 * PDS documents error statuses but no error body schema; the emulator answers `{"message": ...}`
 * (the digest's choice), which is what a client may at most rely on: the status code.
 */
export function pdsErrorBody(message: string): { message: string } {
  return { message };
}

export function pdsError(status: number, message: string): EmulatorResponse {
  return { status, body: pdsErrorBody(message) };
}

export const INVALID_UUID = "The request path param isn't a valid uuid.";
