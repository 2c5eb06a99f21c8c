import { PLATFORM_MIGRATIONS } from '@portal/platform';
import { TENANCY_ENTITIES, TENANCY_MIGRATIONS } from '@portal/tenancy';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@portal/audit';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from '@portal/identity';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@portal/access';

/** Every entity of every lib, for the one DataSource the api, worker and CLI share. */
export const ENTITIES = [...TENANCY_ENTITIES, ...AUDIT_ENTITIES, ...IDENTITY_ENTITIES, ...ACCESS_ENTITIES];

/** Every lib's migrations, ordered by their timestamps. */
export const MIGRATIONS = [...PLATFORM_MIGRATIONS, ...TENANCY_MIGRATIONS, ...AUDIT_MIGRATIONS, ...IDENTITY_MIGRATIONS, ...ACCESS_MIGRATIONS].sort(
  (a, b) => Number(/\d{13}/.exec(a.name)![0]) - Number(/\d{13}/.exec(b.name)![0]),
);
