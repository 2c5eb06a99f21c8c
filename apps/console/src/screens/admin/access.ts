import { useQuery } from '@tanstack/react-query';
import { gql } from '../../api/graphql';
import { AdminMeDoc } from '../../api/admin-documents';
import { useMe } from '../me';

/**
 * Which administration screens the menu offers. Only a hint: the server decides, and a screen
 * opened by its address without the right shows the server's refusal.
 */
export function useAdminAccess() {
  const me = useMe();
  const admin = useQuery({ queryKey: ['admin-me'], queryFn: () => gql(AdminMeDoc) });
  const platformAdmin = !!admin.data?.me.isPlatformAdmin;
  const now = Date.now();
  const live = (me.data?.myRoles ?? []).filter(
    (r) => !r.revokedAt && (!r.validTo || Date.parse(r.validTo) > now),
  );
  return {
    /** Provision, apply trees, merge, move, retire: an operator of a subtree. */
    portalTree: platformAdmin || live.some((r) => r.role === 'OPERATOR' && r.scope === 'SUBTREE'),
    /** Accounts are confidential: operators, managing agencies and owners. */
    accounts: platformAdmin || me.has('OPERATOR', 'MANAGER', 'OWNER'),
  };
}
