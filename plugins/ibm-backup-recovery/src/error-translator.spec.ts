import type { VendorFailure } from '@backbridge/plugin-sdk';
import { loadFixture } from '../test/load-fixture';
import { translateIbmError } from './error-translator';

const failure = (status: number, body: unknown): VendorFailure => ({ kind: 'http', status, body, headers: {}, method: 'GET', path: '/data-protect/policies' });

describe(translateIbmError.name, () => {
  const { bodies } = loadFixture<{ bodies: { status: number; body: { errorCode: string; message: string } }[] }>('error-bodies.json');

  it.each([
    ['KValidationError', 'vendor_rejected'],
    ['KStatusUnauthorized', 'vendor_unavailable'],
    ['KAccessDenied', 'vendor_unavailable'],
    ['KEntityNotExistsError', 'not_found'],
    ['KDuplicateError', 'conflict'],
  ])('translates the documented %s body to %s, keeping what IBM said', (code, problem) => {
    const { status, body } = bodies.find((b) => b.body.errorCode === code)!;
    const error = translateIbmError(failure(status, body))!;
    expect(error.code).toBe(problem);
    expect(error.extras.vendor).toEqual({ status, code, message: body.message });
  });

  it('leaves 5xx, 429 and unknown codes to the default table', () => {
    const internal = bodies.find((b) => b.body.errorCode === 'KInternalError')!;
    expect(translateIbmError(failure(internal.status, internal.body))).toBeUndefined();
    expect(translateIbmError(failure(429, { message: 'slow down' }))).toBeUndefined();
    expect(translateIbmError(failure(400, { errorCode: 'KSomethingNew' }))).toBeUndefined();
  });

  it('reads IAM bodies, which say errorMessage', () => {
    const error = translateIbmError(failure(401, { errorCode: 'KStatusUnauthorized', errorMessage: 'token expired' }))!;
    expect(error.extras.vendor).toMatchObject({ message: 'token expired' });
  });
});
