import { canonicalQuery, sign } from './aksk-signer';

// The published example of Huawei's "API Request Signing Guide", as quoted in the vendor notes.
const VECTOR = {
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
  ak: 'QTWAOYTTINDUT2QVKYUC',
  sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
};

describe('sign (SDK-HMAC-SHA256)', () => {
  it('reproduces the signing guide test vector', () => {
    const signed = sign({ method: 'GET', url: VECTOR.url, headers: VECTOR.headers, body: undefined }, VECTOR.ak, VECTOR.sk);
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json',
        'host:service.region.example.com',
        'x-sdk-date:20191115T033655Z',
        '',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.signature).toBe('7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
    expect(signed.authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  it('changes the signature when the body, the secret or the query changes', () => {
    const base = { method: 'POST', url: VECTOR.url, headers: VECTOR.headers, body: '{"a":1}' };
    const reference = sign(base, VECTOR.ak, VECTOR.sk).signature;
    expect(sign({ ...base, body: '{"a":2}' }, VECTOR.ak, VECTOR.sk).signature).not.toBe(reference);
    expect(sign(base, VECTOR.ak, 'another-secret').signature).not.toBe(reference);
    expect(sign({ ...base, url: `${VECTOR.url}&x=1` }, VECTOR.ak, VECTOR.sk).signature).not.toBe(reference);
  });

  it('encodes query values the RFC 3986 way and sorts names by code point', () => {
    expect(canonicalQuery('?resource_type=OS%3A%3ANova%3A%3AServer&b=1&F=x%20y&status=error&status=available')).toBe(
      'F=x%20y&b=1&resource_type=OS%3A%3ANova%3A%3AServer&status=available&status=error',
    );
    expect(canonicalQuery('?flag')).toBe('flag=');
  });
});
