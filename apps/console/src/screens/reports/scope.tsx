import { useQuery } from '@tanstack/react-query';
import { NativeSelect } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ScopePortalsDoc } from '../../api/reports-documents';
import { useI18n } from '../../i18n';

export interface PortalChoice {
  id: string;
  name: string;
  host: string;
  /** The portal whose host the console was opened on. */
  own: boolean;
}

/**
 * The addressed portal and the live portals right below it. A deeper portal is chosen on its own
 * host's console (each host selects its portal, as everywhere); the server decides what may be read.
 */
export function usePortalChoices() {
  const q = useQuery({ queryKey: ['scope-portals'], queryFn: () => gql(ScopePortalsDoc) });
  const p = q.data?.portal;
  const list: PortalChoice[] = p
    ? [
        { id: p.id, name: p.name, host: p.primaryHost, own: true },
        ...p.children
          .filter((c) => c.status === 'ACTIVE' || c.status === 'SUSPENDED')
          .map((c) => ({ id: c.id, name: c.name, host: c.primaryHost, own: false })),
      ]
    : [];
  const byId = new Map(list.map((c) => [c.id, c]));
  const byHost = new Map(list.map((c) => [c.host, c]));
  return {
    ...q,
    list,
    own: list[0] as PortalChoice | undefined,
    nameOf: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? null) : null),
    nameOfHost: (host: string) => byHost.get(host)?.name ?? host,
  };
}

export function PortalSelect({
  value,
  onChange,
  label,
  description,
  withAll,
}: {
  value: string;
  onChange: (id: string) => void;
  label: string;
  description?: string;
  /** Offer "every portal I administer" (no portal named) first. */
  withAll?: string;
}) {
  const { t } = useI18n();
  const choices = usePortalChoices();
  return (
    <NativeSelect
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        ...(withAll ? [{ value: '', label: withAll }] : []),
        ...choices.list.map((c) => ({
          value: c.id,
          label: c.own ? `${c.name} (${t('cổng này', 'this portal')})` : `— ${c.name}`,
        })),
      ]}
    />
  );
}
