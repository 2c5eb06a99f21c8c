import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { AccountRepository } from './accounts/account.repository';
import { AccountService } from './accounts/account.service';
import { AccountMergeParticipant } from './accounts/account-merge.participant';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginAttemptRepository } from './auth/login-attempt.repository';
import { LoginService } from './auth/login.service';
import { IdentityResolver } from './graphql/identity.resolver';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';

@Module({
  imports: [
    TenancyModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    AccountRepository,
    SessionRepository,
    LoginAttemptRepository,
    SessionService,
    LoginService,
    AccountService,
    AccountMergeParticipant,
    JwtStrategy,
    JwtAuthGuard,
    IdentityResolver,
  ],
  exports: [SessionService, LoginService, AccountService, JwtAuthGuard],
})
export class IdentityModule {}
