import type { VendorFailure } from '@backbridge/plugin-sdk';
import sample from '../test/fixtures/error-field-validation.json';
import { cpmErrorDetail, translateCpmError } from './error-translator';

const failure = (status: number, body?: unknown, headers: Record<string, string> = {}): VendorFailure => ({ kind: 'http', status, body, headers, method: 'POST', path: 'api/policies/' });

describe('translateCpmError', () => {
  it('reads the field validation sample (§1.10) into code and field messages', () => {
    expect(cpmErrorDetail(sample.payload)).toEqual({ code: 'blank', message: 'name: This field may not be blank.; description: This field contains invalid characters.' });
  });

  it.each([
    [400, 'vendor_rejected'],
    [401, 'vendor_unavailable'],
    [403, 'vendor_unavailable'],
    [404, 'not_found'],
    [406, 'vendor_unavailable'],
    [412, 'conflict'],
    [429, 'rate_limited'],
    [500, 'vendor_unavailable'],
    [503, 'vendor_unavailable'],
  ])('translates HTTP %i to %s, keeping what CPM said', (status, code) => {
    const error = translateCpmError(failure(status, sample.payload))!;
    expect(error.code).toBe(code);
    expect(error.extras.vendor).toEqual({ status, code: 'blank', message: expect.stringContaining('name: This field may not be blank.') });
  });

  it('takes Retry-After on 429', () => {
    expect(translateCpmError(failure(429, undefined, { 'retry-after': '7' }))!.extras.retryAfter).toBe(7);
  });

  it('leaves timeouts and network errors to the default table', () => {
    expect(translateCpmError({ kind: 'timeout', headers: {}, method: 'GET', path: 'api/' })).toBeUndefined();
  });
});
