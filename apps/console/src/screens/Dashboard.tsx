import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { gql } from '../api/graphql';
import { DashboardDoc } from '../api/documents';
import { fmtDate, fmtDateTime, STATUS, useI18n, useLabel } from '../i18n';
import { ErrorBox, Loading, StatusBadge, usePageTitle } from '../ui/common';

const RULE_KIND: Record<string, [string, string]> = {
  BOARD_HANDLING: ['Thời hạn xử lý của Ban biên tập', 'Board handling deadline'],
  PUBLICATION: ['Thời hạn đăng tải', 'Publication deadline'],
};

export function Dashboard() {
  const { t, lang } = useI18n();
  const label = useLabel();
  usePageTitle(t('Bảng điều khiển', 'Dashboard'));
  // One request, sent beside the shell's own (no waterfall behind "who am I").
  const q = useQuery({ queryKey: ['dashboard'], queryFn: () => gql(DashboardDoc) });
  if (q.isLoading || !q.data) return q.error ? <ErrorBox error={q.error} /> : <Loading />;
  const d = q.data;
  const byState = new Map<string, typeof d.mine.nodes>();
  for (const n of d.mine.nodes) {
    const k = n.status ?? (n.isLive ? 'PUBLISHED' : 'DRAFT');
    byState.set(k, [...(byState.get(k) ?? []), n]);
  }
  const rule = (kind: string) => d.deadlinePolicy.rules.find((r) => r.kind === kind);
  const boardRule = rule('BOARD_HANDLING');
  const itemLink = (id: string, title: string) => (
    <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id }} />}>{title}</Anchor>
  );
  const dueTable = (rows: typeof d.overdue, caption: string) => (
    <Table striped aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('Tin bài', 'Item')}</Table.Th>
          <Table.Th>{t('Trạng thái', 'State')}</Table.Th>
          <Table.Th>{t('Hạn xử lý', 'Board due')}</Table.Th>
          <Table.Th>{t('Hạn đăng', 'Publication due')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.itemId}>
            <Table.Td>{itemLink(r.itemId, r.title)}</Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>{fmtDateTime(r.boardDueAt)}</Table.Td>
            <Table.Td>{fmtDateTime(r.dueAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Stack>
      <Title order={1}>{t('Bảng điều khiển', 'Dashboard')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t('Bài của tôi', 'My items')}
          </Title>
          {d.mine.nodes.length === 0 && <Text>{t('Chưa có bài nào.', 'No items yet.')}</Text>}
          {[...byState.entries()].map(([state, items]) => (
            <div key={state}>
              <Group gap="xs" mt="xs">
                <StatusBadge status={state} />
                <Text size="sm">{items.length}</Text>
              </Group>
              <List size="sm" mt={4}>
                {items.slice(0, 5).map((i) => (
                  <List.Item key={i.id}>{itemLink(i.id, i.title)}</List.Item>
                ))}
              </List>
            </div>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t('Hàng chờ của Ban biên tập', 'The board’s queue')}
          </Title>
          <Group gap="xs" mb="sm">
            {['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'SCHEDULED'].map((s) => (
              <Badge key={s} variant="outline" color="dark">
                {label(STATUS, s)}: {d.queue.filter((e) => e.status === s).length}
              </Badge>
            ))}
          </Group>
          {d.queue.length === 0 ? (
            <Text>{t('Không có bài chờ xử lý.', 'Nothing is waiting.')}</Text>
          ) : (
            dueTable(d.queue, t('Hàng chờ', 'Queue'))
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t('Quá hạn', 'Overdue')} ({d.overdue.length})
          </Title>
          {d.overdue.length === 0 ? (
            <Text>{t('Không có bài quá hạn.', 'Nothing is overdue.')}</Text>
          ) : (
            dueTable(d.overdue, t('Quá hạn', 'Overdue'))
          )}
          <Title order={2} size="h3" my="sm">
            {t('Sắp đến hạn (48 giờ)', 'Due soon (48 hours)')} ({d.dueSoon.length})
          </Title>
          {d.dueSoon.length === 0 ? (
            <Text>{t('Không có.', 'None.')}</Text>
          ) : (
            dueTable(d.dueSoon, t('Sắp đến hạn', 'Due soon'))
          )}
          {boardRule && (
            <Text size="sm" mt="sm">
              {t('Hạn tính theo ngày làm việc', 'Due dates count working days')}:{' '}
              {label(RULE_KIND, 'BOARD_HANDLING')} {boardRule.workingDays ?? '—'}{' '}
              {t('ngày làm việc', 'working days')} — {boardRule.document}, {boardRule.article} (
              {lang === 'en' ? (d.deadlinePolicy.nameEn ?? d.deadlinePolicy.nameVi) : d.deadlinePolicy.nameVi}
              )
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t('Nhắc việc', 'Reminders')}
          </Title>
          {d.reminders.length === 0 ? (
            <Text>{t('Không có nhắc việc.', 'No reminders.')}</Text>
          ) : (
            <List size="sm">
              {d.reminders.map((r) => (
                <List.Item key={r.id}>
                  {label(RULE_KIND, r.deadline)} ·{' '}
                  {r.stage === 'OVERDUE' ? t('quá hạn', 'overdue') : t('sắp đến hạn', 'due soon')} ·{' '}
                  {fmtDate(r.dueAt)} ·{' '}
                  <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id: r.itemId }} />}>
                    {t('mở bài', 'open')}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
