import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthenticatedError, type Role } from '@backbridge/core';
import { APP_CONFIG } from '../config/config.tokens';
import type { AppConfig } from '../config/app-config';
import { RUNTIME_KEYS, type RuntimeKeys } from '../database/database.tokens';
import { ApiKeysService } from './api-keys.service';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth.tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly apiKeys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_KEYS) private readonly keys: RuntimeKeys,
  ) {}

  async exchangeApiKey(apiKey: string): Promise<TokenPair> {
    const entity = await this.apiKeys.verify(apiKey);
    if (!entity) {
      throw new UnauthenticatedError('The API key is not valid.');
    }
    return this.issue(entity.id, entity.role);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    let payload: { sub?: string; typ?: string };
    try {
      payload = await this.jwt.verifyAsync(refreshToken, {
        secret: this.keys.jwtSecret,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch (error) {
      throw new UnauthenticatedError(
        (error as Error).name === 'TokenExpiredError' ? 'The refresh token has expired; sign in again with the API key.' : 'The refresh token is not valid.',
      );
    }
    if (payload.typ !== 'refresh' || !payload.sub) {
      throw new UnauthenticatedError('The refresh token is not valid.');
    }
    // A deleted key can no longer refresh; its role is read afresh.
    const entity = await this.apiKeys.find(payload.sub);
    if (!entity) {
      throw new UnauthenticatedError('The API key behind this refresh token no longer exists.');
    }
    return this.issue(entity.id, entity.role);
  }

  private async issue(keyId: string, role: Role): Promise<TokenPair> {
    const common = { secret: this.keys.jwtSecret, algorithm: 'HS256' as const, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, subject: keyId };
    const accessToken = await this.jwt.signAsync({ typ: 'access', role }, { ...common, expiresIn: this.config.accessTokenTtlSeconds });
    const refreshToken = await this.jwt.signAsync({ typ: 'refresh' }, { ...common, expiresIn: this.config.refreshTokenTtlSeconds });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds };
  }
}
