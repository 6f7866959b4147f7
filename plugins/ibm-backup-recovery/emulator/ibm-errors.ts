import { EmulatorReply } from '@backbridge/emulator-kit';

/** The Cohesity error codes IBM documents, with the status each one comes with. */
export const IBM_ERROR_STATUS = {
  KValidationError: 400,
  KStatusUnauthorized: 401,
  KAccessDenied: 403,
  KEntityNotExistsError: 404,
  KDuplicateError: 409,
  KInternalError: 500,
} as const;
export type IbmErrorCode = keyof typeof IBM_ERROR_STATUS;

/** The service's error body: `{errorCode, message}`. */
export function ibmError(code: IbmErrorCode, message: string): EmulatorReply {
  return new EmulatorReply({ status: IBM_ERROR_STATUS[code], body: { errorCode: code, message } });
}

/** The body for injected faults, unknown paths and unhandled errors. */
export function errorBodyFor(status: number, message: string): unknown {
  // IBM documents no error code for throttling; the body then carries the message only.
  if (status === 429) return { message };
  const code = status === 401 ? 'KStatusUnauthorized' : status === 403 ? 'KAccessDenied' : status === 404 ? 'KEntityNotExistsError' : status < 500 ? 'KValidationError' : 'KInternalError';
  return { errorCode: code, message };
}

const GROUP_ID = /^\d+:\d+:\d+$/;
const RUN_ID = /^\d+:\d+$/;

export function requireGroupId(id: string, what = 'Protection Group id'): string {
  if (!GROUP_ID.test(id)) throw ibmError('KValidationError', `${what} '${id}' must match ^\\d+:\\d+:\\d+$`);
  return id;
}

export function requireRunId(id: string): string {
  if (!RUN_ID.test(id)) throw ibmError('KValidationError', `runId '${id}' must match ^\\d+:\\d+$`);
  return id;
}

export function requireInt64(text: string, what: string): number {
  if (!/^\d{1,18}$/.test(text)) throw ibmError('KValidationError', `${what} '${text}' is not an int64`);
  return Number(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON request body, or 400 the way the service answers a malformed one. */
export function requireBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw ibmError('KValidationError', 'request body has an error: a JSON object is required');
  return body;
}

/** Comma-joined array query params (what the SDKs send); repeated keys are accepted too. */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function queryNumber(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw ibmError('KValidationError', `${name} '${raw}' is not a number`);
  return value;
}

export function queryBool(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw !== 'true' && raw !== 'false') throw ibmError('KValidationError', `${name} must be true or false`);
  return raw === 'true';
}
