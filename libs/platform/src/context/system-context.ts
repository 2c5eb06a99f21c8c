import { randomUUID } from 'node:crypto';
import { createAppAbility } from '../authorization/app-ability';
import { RequestContext } from './request-context';

/**
 * The context of work no person requested over HTTP: the CLI, start-up seeding, jobs. It may do
 * anything (like a platform administrator) and is audited as `system:<label>`.
 */
export function systemContext(label: string): RequestContext {
  return new RequestContext({
    requestId: `${label}-${randomUUID()}`,
    tenant: null,
    actor: { type: 'system', label },
    ability: createAppAbility([{ action: 'manage', subject: 'all' }]),
    locale: 'en',
  });
}
