import { TENANCY_ENTITIES } from '@portal/tenancy';
import { AUDIT_ENTITIES } from '@portal/audit';
import { IDENTITY_ENTITIES } from '@portal/identity';
import { ACCESS_ENTITIES } from '@portal/access';
import { CALENDAR_ENTITIES } from '@portal/calendar';
import { ATTACHMENT_ENTITIES, CONTENT_ENTITIES } from '@portal/content';
import { EDITORIAL_ENTITIES } from '@portal/editorial';
import { FEDERATION_ENTITIES } from '@portal/federation';
import { ENGAGEMENT_ENTITIES } from '@portal/engagement';
import { ROYALTY_ENTITIES } from '@portal/royalties';
import { SITE_ENTITIES } from '@portal/site';
export { MIGRATIONS } from './migration-list';

/** Every entity of every lib, for the one DataSource the api, worker and CLI share. */
export const ENTITIES = [
  ...TENANCY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...ACCESS_ENTITIES,
  ...CALENDAR_ENTITIES,
  ...CONTENT_ENTITIES,
  ...ATTACHMENT_ENTITIES,
  ...EDITORIAL_ENTITIES,
  ...FEDERATION_ENTITIES,
  ...ENGAGEMENT_ENTITIES,
  ...ROYALTY_ENTITIES,
  ...SITE_ENTITIES,
];
