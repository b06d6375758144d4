import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthService, AuthUser, CurrentUser, UsersService } from '@km/auth';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import { LoginRequestDto, LoginResponseDto, mapLoginResult } from './auth.dto';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Throttled(THROTTLE.login, THROTTLE.loginClient)
  @ApiOperation({ summary: 'Exchange e-mail and password for an access token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (one message for both)' })
  async login(@Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    return mapLoginResult(await this.auth.login(body.email, body.password));
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'End every session of this account',
    description:
      'Revokes this token and every other token of the account (API and dashboard sessions).',
  })
  @ApiNoContentResponse({ description: 'Logged out; the token no longer works' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token' })
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.users.revokeTokens(user.id);
  }
}
