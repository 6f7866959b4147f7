import { randomBytes } from 'node:crypto';
import { PageTokenCodec, ProblemError } from '@backbridge/core';

describe(PageTokenCodec.name, () => {
  const codec = new PageTokenCodec(randomBytes(32));
  const digest = PageTokenCodec.queryDigest({ orderBy: 'name', filter: { type: 'vm' } });

  it('round-trips state for the same query, whatever the key order', () => {
    const token = codec.encode({ a: { k: 3 } }, digest);
    const sameQuery = PageTokenCodec.queryDigest({ filter: { type: 'vm' }, orderBy: 'name' });
    expect(codec.decode(token, sameQuery)).toEqual({ a: { k: 3 } });
  });

  it.each([
    ['an altered body', (t: string) => 'x' + t.slice(1)],
    ['an altered signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['garbage', () => 'not-a-token'],
    ['an extra part', (t: string) => `${t}.x`],
  ])('refuses %s as validation_failed', (_, alter) => {
    const token = alter(codec.encode({ a: 1 }, digest));
    expect(() => codec.decode(token, digest)).toThrow(ProblemError);
  });

  it('refuses a token issued by another server', () => {
    const other = new PageTokenCodec(randomBytes(32)).encode({ a: 1 }, digest);
    expect(() => codec.decode(other, digest)).toThrow(/altered or issued by another server/);
  });

  it('refuses a token of another query', () => {
    const token = codec.encode({ a: 1 }, digest);
    expect(() => codec.decode(token, PageTokenCodec.queryDigest({ orderBy: 'name' }))).toThrow(/other filters/);
  });
});
