import { RequestContext, asSubject, can } from '@portal/platform';
import { REVISION_WORKFLOW, RevisionStatus, WorkflowAction } from './workflow';
import { EditorialErrorCode } from '../errors/editorial-error-code';

export interface ItemActionView {
  action: WorkflowAction;
  allowed: boolean;
  /** The approval would be made under the head's delegation (a deputy). */
  delegated: boolean;
  /** Why it is not allowed: FOUR_EYES (the caller wrote it) or NOT_ALLOWED (no role for it). */
  blockedCode: EditorialErrorCode.FOUR_EYES | EditorialErrorCode.NOT_ALLOWED | null;
}

// Someone who is certainly not the caller: asks "would it be allowed if another person wrote it".
const SOMEONE_ELSE = '00000000-0000-4000-8000-000000000000';

/**
 * The steps the item's state allows, each with whether the caller may take it, so that a console
 * shows role and four-eyes limits before a click. The state machine and the CASL rules are the
 * same ones `transition` applies; this only asks them ahead.
 */
export function itemActions(
  ctx: RequestContext,
  subject: { tenantId: string; tenantPath: string; createdBy: string; field: string | null },
  workingStatus: RevisionStatus | null,
  isLive: boolean,
): ItemActionView[] {
  const out: ItemActionView[] = [];
  for (const action of Object.values(WorkflowAction)) {
    const status =
      action === WorkflowAction.WITHDRAW ? (isLive ? RevisionStatus.PUBLISHED : null) : workingStatus;
    const t = status ? REVISION_WORKFLOW.step(action, status) : null;
    if (!t) continue;
    const allowed = can(ctx, t.ability, 'Content', subject);
    const fourEyes =
      !allowed &&
      t.ability === 'approve' &&
      can(ctx, 'approve', 'Content', { ...subject, createdBy: SOMEONE_ELSE });
    const delegated =
      allowed &&
      t.ability === 'approve' &&
      ctx.ability.relevantRuleFor('approve', asSubject('Content', subject) as never)?.reason === 'delegation';
    out.push({
      action,
      allowed,
      delegated,
      blockedCode: allowed ? null : fourEyes ? EditorialErrorCode.FOUR_EYES : EditorialErrorCode.NOT_ALLOWED,
    });
  }
  return out;
}
