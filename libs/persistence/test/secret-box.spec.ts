import { randomBytes } from 'node:crypto';
import { SecretBox } from '@backbridge/persistence';

describe(SecretBox.name, () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never contains the plaintext', () => {
    const sealed = box.seal('{"apiKey":"super-secret-value"}', 'connection:1');
    expect(sealed).not.toContain('super-secret');
    expect(box.open(sealed, 'connection:1')).toBe('{"apiKey":"super-secret-value"}');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses to open under another context, another key, or after tampering', () => {
    const sealed = box.seal('secret', 'connection:1');
    expect(() => box.open(sealed, 'connection:2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'connection:1')).toThrow();
    // Flip one bit of the ciphertext itself: editing base64 text can land in its unused low bits.
    const [version, iv, body] = sealed.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] ^= 0x01;
    const tampered = `${version}.${iv}.${bytes.toString('base64url')}`;
    expect(tampered).not.toBe(sealed);
    expect(() => box.open(tampered, 'connection:1')).toThrow();
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32-byte/);
  });
});
