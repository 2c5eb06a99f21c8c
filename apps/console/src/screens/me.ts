import { useQuery } from '@tanstack/react-query';
import { gql } from '../api/graphql';
import { MeDoc } from '../api/documents';

/** The signed-in person, their live roles on this portal, and the portal itself. */
export function useMe() {
  const q = useQuery({ queryKey: ['me'], queryFn: () => gql(MeDoc) });
  const now = Date.now();
  const roles = (q.data?.myRoles ?? [])
    .filter((r) => !r.revokedAt && (!r.validTo || Date.parse(r.validTo) > now))
    .filter((r) => r.tenantId === q.data?.portal.id || r.scope === 'SUBTREE')
    .map((r) => r.role);
  const has = (...wanted: string[]) => wanted.some((w) => roles.includes(w as never));
  return { ...q, roles, has };
}
