import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthService } from '@km/auth';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import { LoginRequestDto, LoginResponseDto, mapLoginResult } from './auth.dto';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
    summary: 'End this session',
    description: 'The token stops working at once, on every api process.',
  })
  @ApiNoContentResponse({ description: 'Logged out; the token no longer works' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token' })
  async logout(@Headers('authorization') authorization: string): Promise<void> {
    // The guard has verified the header; what follows "Bearer" is the token.
    await this.auth.logout(authorization.trim().split(/\s+/)[1]);
  }
}
