import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ROLES, UnauthenticatedError, type Role } from '@backbridge/core';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { RUNTIME_KEYS, type RuntimeKeys } from '../database/database.tokens';
import { ApiKeysService } from './api-keys.service';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth.tokens';
import type { Principal } from './principal';

interface TokenClaims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  typ?: string;
  [claim: string]: unknown;
}

function unverifiedPart(token: string, index: 0 | 1): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

/**
 * Bearer tokens: our own HS256 access tokens, and RS/ES/PS-signed tokens of the external OIDC
 * issuer (keys from its JWKS URL). The key is chosen by issuer and algorithm together, so a
 * token can never be verified with the other kind's key.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_KEYS) keys: RuntimeKeys,
    private readonly apiKeys: ApiKeysService,
  ) {
    const oidcKey = config.oidc
      ? passportJwtSecret({ jwksUri: config.oidc.jwksUrl, cache: true, cacheMaxAge: 600_000, rateLimit: true, jwksRequestsPerMinute: 10 })
      : undefined;
    const keyProvider: SecretOrKeyProvider = (request, rawToken, done) => {
      const header = unverifiedPart(String(rawToken), 0);
      const claims = unverifiedPart(String(rawToken), 1);
      if (header.alg === 'HS256' && claims.iss === TOKEN_ISSUER) {
        done(null, keys.jwtSecret);
      } else if (oidcKey && config.oidc && claims.iss === config.oidc.issuer && header.alg !== 'HS256' && header.alg !== 'none') {
        oidcKey(request, rawToken, done);
      } else {
        done(new UnauthenticatedError('The bearer token is not valid.'));
      }
    };
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider,
      algorithms: ['HS256', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: TokenClaims): Promise<Principal> {
    if (claims.iss === TOKEN_ISSUER) {
      if (claims.typ !== 'access' || claims.aud !== TOKEN_AUDIENCE || !claims.sub) {
        throw new UnauthenticatedError('The bearer token is not an access token.');
      }
      // Read the key each time, so a deleted key or a changed role takes effect at once.
      const key = await this.apiKeys.find(claims.sub);
      if (!key) {
        throw new UnauthenticatedError('The API key behind this token no longer exists.');
      }
      return { id: `key:${key.id}`, kind: 'api-key', role: key.role };
    }
    const oidc = this.config.oidc!;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(oidc.audience) || !claims.sub) {
      throw new UnauthenticatedError('The bearer token is not meant for this gateway (audience).');
    }
    return { id: `oidc:${claims.sub}`, kind: 'oidc', role: highestRole(claims[oidc.roleClaim]) ?? oidc.defaultRole ?? null };
  }
}

function highestRole(claim: unknown): Role | undefined {
  const values = (Array.isArray(claim) ? claim : [claim]).filter((v): v is Role => (ROLES as readonly unknown[]).includes(v));
  return values.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
}
