export * from './access.module';
export * from './roles/role';
export * from './roles/role-assignment.entity';
export * from './roles/role-assignment.service';
export * from './abilities/ability.factory';
export * from './abilities/role-rules';
export * from './guard/access.guard';

import { RoleAssignmentEntity } from './roles/role-assignment.entity';
import { Access1763800000500 } from './migrations/1763800000500-access';
export const ACCESS_ENTITIES = [RoleAssignmentEntity];
export const ACCESS_MIGRATIONS = [Access1763800000500];
