import { EmulatorReply } from '@backbridge/emulator-kit';

/** CBR body time stamps: microseconds, no zone designator (UTC): `2020-02-05T10:38:34.209782`. */
export function cbrTime(ms: number, micros = 0): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}`;
}

/** Policy trigger start_time: `2019-05-08 06:57:05`. */
export function cbrStartTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Query filters: `%YYYY-%mm-%ddT%HH:%MM:%SSZ` (seed §4.5.2); a zone-less form is taken as UTC. */
export function parseQueryTime(value: string, name: string): number {
  const ms = Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw invalid(`${name} must look like 2018-02-01T12:00:00Z`);
  return ms;
}

export function cbrError(status: number, code: string, message: string): EmulatorReply {
  return new EmulatorReply({ status, body: { error_code: code, error_msg: message } });
}

/** BackupService.9900 "Parameter verification failed." with what was wrong (the vendor adds detail in practice). */
export function invalid(detail: string): EmulatorReply {
  return cbrError(400, 'BackupService.9900', `Parameter verification failed: ${detail}`);
}

export const NOT_FOUND = {
  vault: () => cbrError(404, 'BackupService.6105', 'The vault does not exist.'),
  policy: () => cbrError(404, 'BackupService.6000', 'The policy does not exist.'),
  backup: () => cbrError(404, 'BackupService.6200', 'The backup does not exist.'),
  checkpoint: () => cbrError(404, 'BackupService.6217', 'The backup restore point does not exist.'),
  operationLog: () => cbrError(404, 'BackupService.6500', 'Operation log does not exist.'),
};

/** API gateway authentication failure (APIGW.0301), as Huawei's gateway answers it in front of CBR. */
export function unauthorized(reason: string, requestId: string): EmulatorReply {
  return new EmulatorReply({
    status: 401,
    body: { error_msg: `Incorrect IAM authentication information: ${reason}`, error_code: 'APIGW.0301', request_id: requestId },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids from a seeded generator, so every run has the same ids. */
export function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `limit` (1–1000) and `offset` (≥0); CBR's defaults are 1000 and 0. */
export function offsetPaging(query: URLSearchParams): { offset: number; limit: number } {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be an integer from ${min} to ${max}`);
    return value;
  };
  return { offset: int('offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: int('limit', 1000, 1, 1000) };
}

export function objectBody(body: unknown, key?: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be a JSON object');
  if (key === undefined) return body as Record<string, unknown>;
  const inner = (body as Record<string, unknown>)[key];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw invalid(`${key} is mandatory and must be an object`);
  return inner as Record<string, unknown>;
}
