import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { AuditLogDoc } from '../../api/reports-documents';
import { fmtDateTime, useI18n } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { PortalSelect, usePortalChoices } from './scope';

// Actions the platform records, offered as suggestions (any other is typed in full).
const ACTIONS = [
  'account.created',
  'auth.login',
  'calendar.override_set',
  'calendar.override_removed',
  'content.review',
  'deadline_policy.assigned',
  'editorial.approval_delegated',
  'role.granted',
  'role.revoked',
  'site.theme_changed',
  'syndication.proposed',
  'syndication.pushed',
  'tenant.provisioned',
  'tenant.merged',
  'tenant.retired',
  'tenant.updated',
];

interface Filter {
  tenantId: string;
  action: string;
}

/** A short, readable form of an entry's before/after values. */
function values(v: Record<string, unknown> | null | undefined): string {
  if (!v) return '—';
  const text = Object.entries(v)
    .filter(([, x]) => x !== null && x !== undefined && x !== '')
    .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
    .join(', ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text || '—';
}

/** The audit log of this portal and what it administers, newest first, by portal and action. */
export function AuditLog() {
  const { t } = useI18n();
  usePageTitle(t('Nhật ký hệ thống', 'Audit log'));
  const portals = usePortalChoices();
  const [draft, setDraft] = useState<Filter>({ tenantId: '', action: '' });
  const [filter, setFilter] = useState<Filter>({ tenantId: '', action: '' });
  const q = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) =>
      gql(AuditLogDoc, {
        filter: {
          tenantId: filter.tenantId || null,
          action: filter.action.trim() || null,
          first: 50,
          after: pageParam,
        },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.auditLog.pageInfo.hasNextPage ? last.auditLog.pageInfo.endCursor : null,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  const entries = q.data?.pages.flatMap((p) => p.auditLog.nodes) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Nhật ký hệ thống', 'Audit log')}</Title>
      <Text>
        {t(
          'Mọi thao tác quản trị và biên tập trên cổng này và các cổng trực thuộc mà bạn quản lý: ai làm, lúc nào, trước và sau.',
          'Every administrative and editorial step on this portal and the portals below it that you administer: who, when, before and after.',
        )}
      </Text>
      <form onSubmit={apply}>
        <Group align="flex-end">
          <PortalSelect
            label={t('Cổng', 'Portal')}
            value={draft.tenantId}
            onChange={(tenantId) => setDraft((d) => ({ ...d, tenantId }))}
            withAll={t('Tất cả các cổng tôi quản lý', 'Every portal I administer')}
          />
          <TextInput
            label={t('Thao tác', 'Action')}
            description={t(
              'ví dụ calendar.override_set, site.theme_changed',
              'e.g. calendar.override_set, site.theme_changed',
            )}
            value={draft.action}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, action: value }));
            }}
            list="audit-actions"
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <Button type="submit">{t('Lọc', 'Filter')}</Button>
        </Group>
      </form>
      <ErrorBox error={q.error} />
      {q.isLoading && <Loading />}
      {q.isSuccess && entries.length === 0 && (
        <Text>{t('Không có mục nào khớp bộ lọc.', 'No entry matches the filter.')}</Text>
      )}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('Nhật ký hệ thống', 'Audit log')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Thời gian', 'Time')}</Table.Th>
                <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
                <Table.Th>{t('Người thực hiện', 'By')}</Table.Th>
                <Table.Th>{t('Thao tác', 'Action')}</Table.Th>
                <Table.Th>{t('Đối tượng', 'Subject')}</Table.Th>
                <Table.Th>{t('Trước', 'Before')}</Table.Th>
                <Table.Th>{t('Sau', 'After')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(e.occurredAt)}</Table.Td>
                  <Table.Td>{portals.nameOf(e.tenantId) ?? e.tenantId.slice(0, 8)}</Table.Td>
                  <Table.Td>{e.actorLabel}</Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {e.subjectType}
                    {e.subjectId && (
                      <Text size="xs" c="dimmed">
                        {e.subjectId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{values(e.before)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{values(e.after)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {q.hasNextPage && (
        <Button variant="outline" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('Xem thêm', 'Load more')}
        </Button>
      )}
    </Stack>
  );
}
