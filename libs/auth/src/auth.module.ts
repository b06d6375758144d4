import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, purposeKey } from '@km/config';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';
import { SessionTokenService } from './session-token.service';
import { TokenRevocations } from './token-revocations';
import { User } from './user.entity';
import { UsersService } from './users.service';

export const JWT_ISSUER = 'kompetensmaklaren';
export const JWT_AUDIENCE = 'kompetensmaklaren-api';

/**
 * Accounts, login and the guards. Global so any module's controllers can use
 * `@Authenticated(...)` without importing it.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key of its own: the CSRF HMAC and the tracking-link vault use other derived keys.
        secret: purposeKey(config.jwt.secret, 'jwt'),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.jwt.ttlSeconds,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  providers: [
    AuthService,
    UsersService,
    JwtAuthGuard,
    RolesGuard,
    AdminBootstrapService,
    TokenRevocations,
    SessionTokenService,
  ],
  exports: [AuthService, UsersService, JwtAuthGuard, RolesGuard, SessionTokenService],
})
export class AuthModule {}
