export * from './identity.module';
export * from './figures/account-figures.repository';
export * from './figures/account-figures.module';
export * from './accounts/account.entity';
export * from './accounts/account.service';
export * from './sessions/session.entity';
export * from './sessions/session.service';
export * from './auth/login.service';
export * from './auth/jwt-auth.guard';
export * from './auth/password-hasher';
export { AccountType } from './graphql/identity.types';

import { AccountEntity } from './accounts/account.entity';
import { SessionEntity } from './sessions/session.entity';
export const IDENTITY_ENTITIES = [AccountEntity, SessionEntity];
export * from './errors/identity-error-code';
