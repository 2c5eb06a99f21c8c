export * from './editorial.module';
export * from './workflow/workflow';
export * from './workflow/editorial.entity';
export * from './workflow/editorial.service';

import {
  ApprovalDelegationEntity,
  EditorialStateEntity,
  WorkflowEventEntity,
} from './workflow/editorial.entity';
export const EDITORIAL_ENTITIES = [EditorialStateEntity, WorkflowEventEntity, ApprovalDelegationEntity];
