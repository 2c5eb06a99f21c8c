import { BilingualMessage, ForbiddenError } from '../errors/domain-error';
import type { AppAction, AppSubjectType } from './app-ability';

/** Names, in both languages, who may take an action on a subject; null when nobody is known. */
export type RoleHint = (action: AppAction, subject: AppSubjectType) => BilingualMessage | null;

let hint: RoleHint = () => null;

/** The access lib registers the roles table here (platform cannot depend on it). */
export function registerRoleHint(next: RoleHint): void {
  hint = next;
}

/** FORBIDDEN that says what is needed: the roles that may take `action` on `subject`. */
export function forbidden(action: AppAction, subject: AppSubjectType): ForbiddenError {
  const needed = hint(action, subject);
  if (!needed) return new ForbiddenError();
  return new ForbiddenError({
    vi: `Bạn không có quyền thực hiện thao tác này. Cần vai trò: ${needed.vi}.`,
    en: `You are not allowed to do this. It needs the role ${needed.en}.`,
  });
}
