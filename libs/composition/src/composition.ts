import { TenancyModule, TENANCY_ENTITIES } from '@portal/tenancy';
import { AuditModule, AUDIT_ENTITIES } from '@portal/audit';
import { IdentityModule, IDENTITY_ENTITIES } from '@portal/identity';
import { AccessModule, ACCESS_ENTITIES } from '@portal/access';
import { CalendarModule, CALENDAR_ENTITIES } from '@portal/calendar';
import { ATTACHMENT_ENTITIES, CONTENT_ENTITIES, ContentModule } from '@portal/content';
import { EditorialModule, EDITORIAL_ENTITIES } from '@portal/editorial';
import { FederationModule, FEDERATION_ENTITIES } from '@portal/federation';
import { EngagementModule, ENGAGEMENT_ENTITIES } from '@portal/engagement';
import { ReportingModule } from '@portal/reporting';
import { RoyaltiesModule, ROYALTY_ENTITIES } from '@portal/royalties';
import { SITE_ENTITIES } from '@portal/site';
export { MIGRATIONS } from './migration-list';

/**
 * The composition root the three processes share (the api, the worker, the `portal` command): every
 * entity and migration of every lib for their one DataSource, and the libs' modules each of them
 * loads. The apps add only what is theirs (HTTP and GraphQL, the job runner's extras, commands).
 */

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

/**
 * The libs' modules the worker and the CLI load, lower libs first. The api loads them too, with
 * AttachmentsModule and the public website (SiteModule) among them (apps/api/src/app.module.ts).
 */
export const DOMAIN_MODULES = [
  AuditModule,
  TenancyModule,
  IdentityModule,
  AccessModule,
  CalendarModule,
  ContentModule,
  EditorialModule,
  FederationModule,
  EngagementModule,
  ReportingModule,
  // Adds its sheet to the report files (written by the worker and by `portal report`).
  RoyaltiesModule,
];
