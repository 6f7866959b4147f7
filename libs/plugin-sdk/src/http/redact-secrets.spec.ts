import { REDACTED, redactSecrets, redactText } from './redact-secrets';

describe('redactSecrets', () => {
  it('redacts secret-looking keys at any depth and leaves the input untouched', () => {
    const input = {
      name: 'prod',
      credentials: { user: 'admin' },
      nested: { list: [{ apiKey: 'k1', 'X-Auth-Token': 't', keep: 1 }], client_secret: 's' },
      headers: { Authorization: 'Basic abc', Cookie: 'c=1', 'x-subject-token': 'st', 'content-type': 'application/json' },
      password: 'p',
      signature: 'sig',
    };

    const copy = redactSecrets(input);

    expect(copy).toEqual({
      name: 'prod',
      credentials: REDACTED,
      nested: { list: [{ apiKey: REDACTED, 'X-Auth-Token': REDACTED, keep: 1 }], client_secret: REDACTED },
      headers: { Authorization: REDACTED, Cookie: REDACTED, 'x-subject-token': REDACTED, 'content-type': 'application/json' },
      password: REDACTED,
      signature: REDACTED,
    });
    expect(input.password).toBe('p');
    expect(input.nested.list[0].apiKey).toBe('k1');
  });

  it('redacts extra keys case-insensitively', () => {
    expect(redactSecrets({ Tenant: 'a', other: 'b' }, ['tenant'])).toEqual({ Tenant: REDACTED, other: 'b' });
  });

  it('masks bearer tokens and JWTs inside string values', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';

    const copy = redactSecrets({ message: 'sent Bearer abc.DEF-123 to the vendor', note: `jwt ${jwt} here`, list: [`Bearer xyz`] });

    expect(copy).toEqual({
      message: `sent Bearer ${REDACTED} to the vendor`,
      note: `jwt ${REDACTED} here`,
      list: [`Bearer ${REDACTED}`],
    });
  });

  it('copies cycles, bytes, dates and errors safely', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    const date = new Date(0);

    const copy = redactSecrets({ cyclic, one: shared, two: shared, bytes: Buffer.from('secret'), date, error: new Error('Bearer abc') }) as Record<string, unknown>;

    expect(copy).toEqual({
      cyclic: { a: 1, self: '[Circular]' },
      one: { x: 1 },
      two: { x: 1 },
      bytes: '[6 bytes]',
      date,
      error: { name: 'Error', message: `Bearer ${REDACTED}` },
    });
  });

  it('returns primitives as they are', () => {
    expect(redactSecrets(42)).toBe(42);
    expect(redactSecrets(undefined)).toBeUndefined();
    expect(redactSecrets(null)).toBeNull();
  });
});

describe('redactText', () => {
  it('masks secret pairs in query strings and JSON fragments but keeps plain prose', () => {
    expect(redactText('GET /x?access_token=abc&page=2')).toBe(`GET /x?access_token=${REDACTED}&page=2`);
    expect(redactText('Signature=0a1b2c, SignedHeaders=host')).toBe(`Signature=${REDACTED}, SignedHeaders=host`);
    expect(redactText('body {"password": "hunter2", "user": "bob"}')).toBe(`body {"password": "${REDACTED}", "user": "bob"}`);
    expect(redactText('password: must be at least 8 characters')).toBe('password: must be at least 8 characters');
  });
});
