export * from './calendar.module';
export * from './calendar/local-date';
export * from './calendar/vietnam-holidays';
export * from './calendar/working-calendar';
export * from './calendar/calendar-files';
export * from './calendar/calendar.service';
export * from './calendar/calendar-override.entity';
export * from './policies/deadline-policy.types';
export * from './policies/deadline-policy.loader';
export * from './policies/deadline.service';
export * from './policies/manifest-policies';

import { CalendarOverrideEntity, DeadlinePolicyAssignmentEntity } from './calendar/calendar-override.entity';
export const CALENDAR_ENTITIES = [CalendarOverrideEntity, DeadlinePolicyAssignmentEntity];
export * from './policies/freshness';
export * from './errors/calendar-error-code';
