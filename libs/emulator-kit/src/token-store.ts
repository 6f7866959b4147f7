import { randomBytes } from 'node:crypto';

export interface IssuedToken<P> {
  value: string;
  principal: P;
  expiresAt: number;
}

/**
 * Bearer tokens an emulator has issued, with expiry, so that emulators can refuse expired tokens
 * the way the vendor does and tests can force "token expiry now".
 */
export class TokenStore<P = string> {
  private readonly tokens = new Map<string, IssuedToken<P>>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(principal: P, ttlMs: number, value = randomBytes(24).toString('hex')): IssuedToken<P> {
    const token = { value, principal, expiresAt: this.now() + ttlMs };
    this.tokens.set(value, token);
    return token;
  }

  /** The token when it exists and has not expired. */
  verify(value: string | undefined): IssuedToken<P> | undefined {
    if (!value) return undefined;
    const token = this.tokens.get(value);
    if (!token || token.expiresAt <= this.now()) return undefined;
    return token;
  }

  /** Whether the token was issued here (expired or not), to tell "expired" from "invalid". */
  known(value: string | undefined): boolean {
    return value !== undefined && this.tokens.has(value);
  }

  revoke(value: string): void {
    this.tokens.delete(value);
  }

  /** Fault injection: every token issued so far expires now. */
  expireAll(): void {
    const now = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }
}
