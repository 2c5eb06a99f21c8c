export * from './editorial.module';
export * from './figures/workflow-figures.repository';
export * from './figures/workflow-figures.module';
export * from './workflow/workflow';
export * from './workflow/editorial.entity';
export * from './workflow/editorial.service';
export * from './errors/editorial-error-code';
export * from './workflow/reminders.service';
export * from './deadlines/item-deadlines.service';
export * from './deadlines/deadline-reevaluation.service';
export * from './freshness/freshness.service';
export * from './legal-import/legal-import.service';

import {
  ApprovalDelegationEntity,
  EditorialStateEntity,
  WorkflowEventEntity,
} from './workflow/editorial.entity';
import { EditorialReminderEntity } from './workflow/reminders.service';
export const EDITORIAL_ENTITIES = [
  EditorialStateEntity,
  WorkflowEventEntity,
  ApprovalDelegationEntity,
  EditorialReminderEntity,
];
