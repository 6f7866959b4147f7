import { buildUrl, encodeBody, encodeQuery } from './request-encoding';

describe('buildUrl', () => {
  it('joins baseURL and path with exactly one slash', () => {
    expect(buildUrl('https://v.example/api/', '/v1/jobs', undefined, 'comma')).toBe('https://v.example/api/v1/jobs');
    expect(buildUrl('https://v.example/api', 'v1/jobs', undefined, 'comma')).toBe('https://v.example/api/v1/jobs');
  });

  it('appends the query, after an existing one if the path has it', () => {
    expect(buildUrl('https://v.example', '/v1/jobs?x=1', { y: 2 }, 'comma')).toBe('https://v.example/v1/jobs?x=1&y=2');
  });
});

describe('encodeQuery', () => {
  it('comma-joins arrays by default and repeats them on request, skipping empty values', () => {
    const query = { ids: ['a,b', 'c'], empty: [], none: undefined, flag: true, 'odd key': 'x&y' };

    expect(encodeQuery(query, 'comma')).toBe('ids=a%2Cb,c&flag=true&odd%20key=x%26y');
    expect(encodeQuery(query, 'repeat')).toBe('ids=a%2Cb&ids=c&flag=true&odd%20key=x%26y');
  });
});

describe('encodeBody', () => {
  it('serializes objects as JSON with the given stringifier', () => {
    expect(encodeBody({ a: 1 }, JSON.stringify)).toEqual({ body: '{"a":1}', contentType: 'application/json' });
    expect(encodeBody([1], () => 'custom')).toEqual({ body: 'custom', contentType: 'application/json' });
  });

  it('sends strings and bytes as they are, and forms url-encoded', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(encodeBody('raw', JSON.stringify)).toEqual({ body: 'raw' });
    expect(encodeBody(bytes, JSON.stringify)).toEqual({ body: bytes });
    expect(encodeBody(new URLSearchParams({ grant_type: 'x' }), JSON.stringify)).toEqual({
      body: 'grant_type=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(encodeBody(undefined, JSON.stringify)).toEqual({ body: undefined });
  });
});
