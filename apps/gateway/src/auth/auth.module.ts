import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiRateLimitGuard } from './rate-limit.guards';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { BearerAuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';

@Module({
  imports: [PassportModule, JwtModule.register({})],
  controllers: [AuthController, ApiKeysController],
  providers: [
    ApiKeysService,
    TokenService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    // After the auth guard, which sets the principal it counts against.
    { provide: APP_GUARD, useClass: ApiRateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [ApiKeysService],
})
export class AuthModule {}
