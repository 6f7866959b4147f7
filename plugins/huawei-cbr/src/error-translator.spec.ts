import type { VendorFailure } from '@backbridge/plugin-sdk';
import missingTask from '../test/fixtures/error-operation-log-missing.json';
import { translateCbrError } from './error-translator';

const failure = (status: number, body: unknown, headers: Record<string, string> = {}): VendorFailure => ({ kind: 'http', status, body, headers, method: 'GET', path: '/v3/p/x' });

describe('translateCbrError', () => {
  it('turns state clashes into conflicts, 400 or 500', () => {
    expect(translateCbrError(failure(400, { error_code: 'BackupService.2010', error_msg: 'The resource is being restored.' }))?.code).toBe('conflict');
    expect(translateCbrError(failure(500, { error_code: 'BackupService.0002', error_msg: 'Resources are being backed up.' }))?.code).toBe('conflict');
  });

  it('reads the 401 "Malformed request url" body as not found', () => {
    expect(translateCbrError(failure(401, { unauthorized: { code: '401', message: 'Malformed request url' } }))?.code).toBe('not_found');
  });

  it('reads the API gateway throttling code as rate limited', () => {
    const error = translateCbrError(failure(429, { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' }, { 'retry-after': '4' }));
    expect(error).toMatchObject({ code: 'rate_limited', extras: { retryAfter: 4 } });
  });

  it('leaves the rest to the default table (the seed 404 body, parameter errors)', () => {
    expect(translateCbrError(failure(404, missingTask))).toBeUndefined();
    expect(translateCbrError(failure(400, { error_code: 'BackupService.9900', error_msg: 'Parameter verification failed.' }))).toBeUndefined();
    expect(translateCbrError({ kind: 'timeout', headers: {}, method: 'GET', path: '/x' })).toBeUndefined();
  });
});
