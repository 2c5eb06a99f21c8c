export * from './access.module';
export * from './figures/role-figures.repository';
export * from './figures/role-figures.module';
export * from './roles/role';
export * from './roles/role-assignment.entity';
export * from './roles/role-assignment.service';
export * from './abilities/ability.factory';
export * from './abilities/role-rules';
export * from './abilities/roles-allowing';
export * from './guard/access.guard';
export * from './guard/endpoint-declarations';

import { RoleAssignmentEntity } from './roles/role-assignment.entity';
export const ACCESS_ENTITIES = [RoleAssignmentEntity];
export * from './abilities/workflow-policy-rules';
export * from './errors/access-error-code';
