export * from './config/app-config';
export * from './context/request-context';
export * from './context/ctx.decorator';
export * from './context/system-context';
export * from './errors/domain-error';
export * from './errors/graphql-error-formatter';
export * from './graphql/input-error.type';
export * from './graphql/connection';
export * from './database/embedded-postgres.server';
export * from './database/migration-runner';
export * from './database/transaction-runner.service';
export * from './database/database-bootstrap.service';
export * from './platform.module';
export * from './authorization/app-ability';
export * from './authorization/ability-sql';
export * from './authorization/access-metadata';
export * from './authorization/assert-can';
export * from './database/scoped-repository';
export { PlatformExtensions1763800000000 } from './migrations/1763800000000-platform-extensions';

import { PlatformExtensions1763800000000 } from './migrations/1763800000000-platform-extensions';
/** Migrations owned by the platform lib, in order. */
export const PLATFORM_MIGRATIONS = [PlatformExtensions1763800000000];
