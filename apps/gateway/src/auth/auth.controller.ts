import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { LoginRateLimitGuard } from './rate-limit.guards';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems.decorator';
import { Public } from './auth.decorators';
import { AuthRefreshRequestDto, AuthTokenRequestDto, AuthTokenResponseDto } from './auth.dto';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('v1/auth')
@Public()
@UseGuards(LoginRateLimitGuard)
export class AuthController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange an API key for an access token and a refresh token', description: 'Rate limited per client address (LOGIN_RATE_LIMIT per minute).' })
  @ApiOkResponse({ type: AuthTokenResponseDto })
  @ApiProblems(400, 401, 429)
  token(@Body() body: AuthTokenRequestDto): Promise<AuthTokenResponseDto> {
    return this.tokens.exchangeApiKey(body.apiKey);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @ApiOkResponse({ type: AuthTokenResponseDto })
  @ApiProblems(400, 401, 429)
  refresh(@Body() body: AuthRefreshRequestDto): Promise<AuthTokenResponseDto> {
    return this.tokens.refresh(body.refreshToken);
  }
}
