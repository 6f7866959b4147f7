import { parseRetryAfterMs } from './retry-after';
import { extractVendorErrorDetail } from './vendor-error-detail';

describe('extractVendorErrorDetail', () => {
  it.each([
    [{ code: 'E1', message: 'm' }, { code: 'E1', message: 'm' }],
    [{ error_code: 'CBR.1', error_msg: 'm' }, { code: 'CBR.1', message: 'm' }],
    [{ errorCode: 42, message: 'm' }, { code: '42', message: 'm' }],
    [{ error: { code: 'Nested', message: 'm' } }, { code: 'Nested', message: 'm' }],
    [{ errors: [{ code: 'bad_request', message: 'm' }], trace: 't' }, { code: 'bad_request', message: 'm' }],
    [{ error: 'invalid_grant', error_description: 'm' }, { code: 'invalid_grant', message: 'm' }],
    [{ error: 'something broke' }, { message: 'something broke' }],
    [{ detail: 'm' }, { message: 'm' }],
    ['plain text', { message: 'plain text' }],
    ['<html><body>502</body></html>', {}],
    [{ unrelated: true }, {}],
    [undefined, {}],
  ])('reads %j', (body, expected) => {
    expect(extractVendorErrorDetail(body)).toEqual(expected);
  });

  it('redacts and shortens the message', () => {
    const detail = extractVendorErrorDetail({ message: `token Bearer abc rejected ${'x'.repeat(600)}` });

    expect(detail.message).toMatch(/^token Bearer \[REDACTED\] rejected x+…$/);
    expect(detail.message!.length).toBeLessThanOrEqual(501);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
  });
});
