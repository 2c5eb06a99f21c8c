import { PlatformExtensions1763800000000 } from '../../../libs/platform/src/migrations/1763800000000-platform-extensions';
import { Tenancy1763800000100 } from '../../../libs/tenancy/src/migrations/1763800000100-tenancy';
import { AuditLog1763800000300 } from '../../../libs/audit/src/migrations/1763800000300-audit-log';
import { Identity1763800000400 } from '../../../libs/identity/src/migrations/1763800000400-identity';
import { Access1763800000500 } from '../../../libs/access/src/migrations/1763800000500-access';
import { Calendar1763800000600 } from '../../../libs/calendar/src/migrations/1763800000600-calendar';
import { Content1763800000700 } from '../../../libs/content/src/migrations/1763800000700-content';
import { Attachments1763800000750 } from '../../../libs/content/src/migrations/1763800000750-attachments';
import { Editorial1763800000800 } from '../../../libs/editorial/src/migrations/1763800000800-editorial';
import { PublicPlacements1763800000850 } from '../../../libs/content/src/migrations/1763800000850-public-placements';
import { HostOrigins1763800000860 } from '../../../libs/tenancy/src/migrations/1763800000860-host-origins';
import { EditableSiteStructure1765100000500 } from '../../../libs/tenancy/src/migrations/1765100000500-editable-site-structure';
import { ItemUrlAliases1763800000870 } from '../../../libs/content/src/migrations/1763800000870-item-url-aliases';
import { Federation1763800000900 } from '../../../libs/federation/src/migrations/1763800000900-federation';
import { FederationIndexes1763800000950 } from '../../../libs/federation/src/migrations/1763800000950-federation-indexes';
import { Questions1763800001000 } from '../../../libs/engagement/src/migrations/1763800001000-questions';
import { ConsultationsRatings1763800001100 } from '../../../libs/engagement/src/migrations/1763800001100-consultations-ratings';
import { QuestionAttachments1763800001200 } from '../../../libs/engagement/src/migrations/1763800001200-question-attachments';
import { Reporting1763800001300 } from '../../../libs/reporting/src/migrations/1763800001300-reporting';
import { Polls1765100000100 } from '../../../libs/engagement/src/migrations/1765100000100-polls';
import { LegalValidity1765100000300 } from '../../../libs/content/src/migrations/1765100000300-legal-validity';
import { PublicServices1765100000310 } from '../../../libs/content/src/migrations/1765100000310-public-services';
import { Media1765100000510 } from '../../../libs/content/src/migrations/1765100000510-media';
import { StructuredFields1765100000200 } from '../../../libs/content/src/migrations/1765100000200-structured-fields';
import { SentInformation1765100000210 } from '../../../libs/engagement/src/migrations/1765100000210-sent-information';
import { Dialogues1765100000520 } from '../../../libs/engagement/src/migrations/1765100000520-dialogues';
import { RowLevelSecurity1763800001400 } from '../../../libs/platform/src/migrations/1763800001400-row-level-security';
import { LoginAddressKey1763800001450 } from '../../../libs/identity/src/migrations/1763800001450-login-address-key';
import { Royalties1763800001500 } from '../../../libs/royalties/src/migrations/1763800001500-royalties';
import { IdempotencyKeys1763800001510 } from '../../../libs/platform/src/migrations/1763800001510-idempotency-keys';
import { Freshness1763800001520 } from '../../../libs/editorial/src/migrations/1763800001520-freshness';
import { BackupRuns1763800001600 } from '../../../libs/platform/src/migrations/1763800001600-backup-runs';
import { UnitVetting1763800001700 } from '../../../libs/editorial/src/migrations/1763800001700-unit-vetting';
import { Site1763800001530 } from '../../../libs/site/src/migrations/1763800001530-site';
import { RoyaltyAdjustments1765100000400 } from '../../../libs/royalties/src/migrations/1765100000400-royalty-adjustments';
import { PortalSearch1763800001550 } from '../../../libs/content/src/migrations/1763800001550-portal-search';

/**
 * Every lib's migrations in order. Imported file by file (not through the libs' index) so that
 * tools that only migrate (test setup, backup restore) load no GraphQL or Nest metadata.
 */
export const MIGRATIONS = [
  PlatformExtensions1763800000000,
  Tenancy1763800000100,
  AuditLog1763800000300,
  Identity1763800000400,
  Access1763800000500,
  Calendar1763800000600,
  Content1763800000700,
  Attachments1763800000750,
  Editorial1763800000800,
  PublicPlacements1763800000850,
  HostOrigins1763800000860,
  ItemUrlAliases1763800000870,
  Federation1763800000900,
  FederationIndexes1763800000950,
  Questions1763800001000,
  ConsultationsRatings1763800001100,
  QuestionAttachments1763800001200,
  Reporting1763800001300,
  RowLevelSecurity1763800001400,
  LoginAddressKey1763800001450,
  Royalties1763800001500,
  IdempotencyKeys1763800001510,
  Freshness1763800001520,
  Site1763800001530,
  PortalSearch1763800001550,
  BackupRuns1763800001600,
  UnitVetting1763800001700,
  Polls1765100000100,
  StructuredFields1765100000200,
  SentInformation1765100000210,
  LegalValidity1765100000300,
  PublicServices1765100000310,
  RoyaltyAdjustments1765100000400,
  EditableSiteStructure1765100000500,
  Media1765100000510,
  Dialogues1765100000520,
];
