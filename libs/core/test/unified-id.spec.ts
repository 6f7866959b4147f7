import { decodeUnifiedId, encodeUnifiedId, ProblemError } from '@backbridge/core';

const CONNECTION = '3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f';

describe('unified ids', () => {
  it.each(['i-0abc123', '123:456:789', 'vol/with/slashes', 'ünïcødé', '9007199254740993'])(
    'round-trips native id %s and is URL-safe',
    (nativeId) => {
      const id = encodeUnifiedId('recoveryPoint', CONNECTION, nativeId);
      expect(id).toMatch(/^rp_[A-Za-z0-9_-]+$/);
      expect(encodeURIComponent(id)).toBe(id);
      expect(decodeUnifiedId(id, 'recoveryPoint')).toEqual({ kind: 'recoveryPoint', connectionId: CONNECTION, nativeId });
    },
  );

  it('is stable', () => {
    expect(encodeUnifiedId('policy', CONNECTION, 'p1')).toBe(encodeUnifiedId('policy', CONNECTION, 'p1'));
  });

  it('refuses an id of another kind, naming the field', () => {
    const id = encodeUnifiedId('resource', CONNECTION, 'r1');
    expect(() => decodeUnifiedId(id, 'policy', 'policy')).toThrow(/policy: is not a policy id/);
  });

  it.each(['', 'rp_', 'rp_!!!', 'rp_AAAA', 'rp_' + 'A'.repeat(3000), 'nonsense'])('refuses malformed id %s as validation_failed', (bad) => {
    try {
      decodeUnifiedId(bad, 'recoveryPoint');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).code).toBe('validation_failed');
    }
  });

  it('refuses a non-canonical spelling of a valid id', () => {
    const id = encodeUnifiedId('job', CONNECTION, 'j');
    const altered = id.slice(0, -1) + (id.endsWith('q') ? 'r' : 'q');
    expect(() => decodeUnifiedId(altered, 'job')).toThrow(ProblemError);
  });
});
