import { SetMetadata } from '@nestjs/common';
import type { AppAction, AppSubjectType } from './app-ability';

export const ACCESS_METADATA = 'portal:access';

export type AccessDeclaration =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'ability'; action: AppAction; subject: AppSubjectType };

/** Anyone may call this, signed in or not. */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessDeclaration);

/** Any signed-in account may call this; the service checks the finer rules on the row itself. */
export const Authenticated = () =>
  SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessDeclaration);

/**
 * The caller must hold (action, subject) somewhere; the service then checks it on the concrete row
 * (its tenant), and lists go through the scoped repository with the same rules.
 */
export const CheckAbility = (action: AppAction, subject: AppSubjectType) =>
  SetMetadata(ACCESS_METADATA, { kind: 'ability', action, subject } satisfies AccessDeclaration);
