import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ReportLateItemsDoc } from '../../api/reports-documents';
import type { ConsoleReportQuery } from '../../gql/graphql';
import { KINDS, fmtDate, fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox } from '../../ui/common';
import type { ReportRequest } from './Reports';
import { RoyaltiesSection } from './RoyaltiesSection';

type Report = ConsoleReportQuery['report'];

// Dark enough for white text (4.5:1).
const OUTCOME_COLOR: Record<string, string> = {
  PASSED: '#1f6f2e',
  FAILED: '#c92a2a',
  NOT_APPLICABLE: '#495057',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useI18n();
  const text: Record<string, string> = {
    PASSED: t('Đạt', 'Passed'),
    FAILED: t('Không đạt', 'Failed'),
    NOT_APPLICABLE: t('Chưa đến kỳ', 'Not yet judged'),
  };
  return (
    <Badge
      color={OUTCOME_COLOR[outcome] ?? '#495057'}
      variant="filled"
      radius="sm"
      tt="none"
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {text[outcome] ?? outcome}
    </Badge>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} fz={28} lh={1.2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function ReportResults({ report, request }: { report: Report; request: ReportRequest }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const total = report.total;
  const timed = total.timeliness.reduce(
    (a, k) => ({ with: a.with + k.withDeadline, onTime: a.onTime + k.onTime, late: a.late + k.late }),
    { with: 0, onTime: 0, late: 0 },
  );
  const nameOfHost = new Map(report.portals.map((p) => [p.portal.host, p.portal.nameVi]));
  const nameOfId = new Map(report.portals.map((p) => [p.portal.id, p.portal.nameVi]));
  const title = (r: { titleVi: string; titleEn?: string | null }) =>
    lang === 'en' ? (r.titleEn ?? r.titleVi) : r.titleVi;
  const failing = report.portals.flatMap((p) =>
    p.rules.filter((r) => r.outcome === 'FAILED').map((r) => ({ portal: p.portal, rule: r })),
  );
  const share = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');
  return (
    <Stack>
      <Title order={2}>
        {t('Kết quả', 'Results')}: {report.root?.nameVi ?? t('Toàn hệ thống', 'The federation')} ·{' '}
        {report.period} ({fmtDate(`${report.from}T12:00:00+07:00`)} – {fmtDate(`${report.to}T12:00:00+07:00`)}
        )
      </Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure label={t('Số cổng', 'Portals')} value={report.portalCount} />
        <Figure label={t('Tin bài đã đăng', 'Items published')} value={total.published.total} />
        <Figure
          label={t('Đăng đúng hạn', 'Published on time')}
          value={share(timed.onTime, timed.with)}
          hint={t(
            `${timed.onTime}/${timed.with} tin có thời hạn`,
            `${timed.onTime} of ${timed.with} with a deadline`,
          )}
        />
        <Figure label={t('Đăng trễ hạn', 'Published late')} value={timed.late} />
        <Figure
          label={t('Câu hỏi nhận / trả lời trễ', 'Questions received / answered late')}
          value={`${total.questions.received} / ${total.questions.answerLate}`}
        />
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="rules-title">
        <Title order={3} id="rules-title" mb="xs">
          {t('Kiểm tra theo quy định', 'Rule checks')}
        </Title>
        {report.ruleSummaries.length === 0 ? (
          <Text>
            {t(
              'Bộ quy định của các cổng không có mục kiểm tra nào.',
              'The portals’ profiles have no rule checks.',
            )}
          </Text>
        ) : (
          <Table striped aria-labelledby="rules-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Quy định', 'Rule')}</Table.Th>
                <Table.Th>{t('Căn cứ', 'Legal basis')}</Table.Th>
                <Table.Th>{t('Đạt', 'Passed')}</Table.Th>
                <Table.Th>{t('Không đạt', 'Failed')}</Table.Th>
                <Table.Th>{t('Chưa đến kỳ', 'Not yet judged')}</Table.Th>
                <Table.Th>{t('Cổng không đạt', 'Portals failing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.ruleSummaries.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{title(r)}</Table.Td>
                  <Table.Td>
                    {r.article}
                    <Text size="xs" c="dimmed">
                      {r.document}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.passed}</Table.Td>
                  <Table.Td>{r.failed}</Table.Td>
                  <Table.Td>{r.notApplicable}</Table.Td>
                  <Table.Td>{r.failedPortals.map((h) => nameOfHost.get(h) ?? h).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {failing.length > 0 && (
          <>
            <Title order={4} mt="md" mb="xs">
              {t('Chi tiết chưa đạt', 'What failed')}
            </Title>
            <List spacing={4}>
              {failing.map(({ portal, rule }) => (
                <List.Item key={`${portal.id}-${rule.key}`}>
                  <Text span fw={700}>
                    {portal.nameVi}
                  </Text>{' '}
                  — {title(rule)} ({rule.article}): {rule.findings.join('; ') || t('không đạt', 'failed')}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="portals-title">
        <Title order={3} id="portals-title" mb="xs">
          {t('Từng cổng', 'Each portal')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-labelledby="portals-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
                <Table.Th>{t('Đã đăng', 'Published')}</Table.Th>
                <Table.Th>{t('Có thời hạn', 'With deadline')}</Table.Th>
                <Table.Th>{t('Đúng hạn', 'On time')}</Table.Th>
                <Table.Th>{t('Trễ hạn', 'Late')}</Table.Th>
                <Table.Th>{t('Ban biên tập xử lý (trễ)', 'Board decisions (late)')}</Table.Th>
                <Table.Th>{t('Câu hỏi (trả lời trễ)', 'Questions (answered late)')}</Table.Th>
                <Table.Th>{t('Quy định', 'Rules')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.portals.map((p) => {
                const f = p.figures;
                const tm = f.timeliness.reduce(
                  (a, k) => ({ w: a.w + k.withDeadline, o: a.o + k.onTime, l: a.l + k.late }),
                  { w: 0, o: 0, l: 0 },
                );
                const failed = p.rules.filter((r) => r.outcome === 'FAILED').length;
                return (
                  <Table.Tr key={p.portal.id}>
                    <Table.Td>
                      {p.portal.nameVi}
                      <Text size="xs" c="dimmed">
                        {p.portal.host}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.published.total}</Table.Td>
                    <Table.Td>{tm.w}</Table.Td>
                    <Table.Td>{tm.o}</Table.Td>
                    <Table.Td>{tm.l}</Table.Td>
                    <Table.Td>
                      {f.board.decided} ({f.board.late})
                    </Table.Td>
                    <Table.Td>
                      {f.questions.received} ({f.questions.answerLate})
                    </Table.Td>
                    <Table.Td>
                      {p.rules.length === 0 ? (
                        '—'
                      ) : failed > 0 ? (
                        <OutcomeBadge outcome="FAILED" />
                      ) : (
                        <OutcomeBadge
                          outcome={
                            p.rules.every((r) => r.outcome === 'NOT_APPLICABLE') ? 'NOT_APPLICABLE' : 'PASSED'
                          }
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      {total.timeliness.length > 0 && (
        <Card withBorder component="section" aria-labelledby="kinds-title">
          <Title order={3} id="kinds-title" mb="xs">
            {t('Đúng hạn theo loại tin', 'Timeliness by kind')}
          </Title>
          <Table striped aria-labelledby="kinds-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Loại', 'Kind')}</Table.Th>
                <Table.Th>{t('Đã đăng', 'Published')}</Table.Th>
                <Table.Th>{t('Có thời hạn', 'With deadline')}</Table.Th>
                <Table.Th>{t('Đúng hạn', 'On time')}</Table.Th>
                <Table.Th>{t('Trễ hạn', 'Late')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {total.timeliness.map((k) => (
                <Table.Tr key={k.kind}>
                  <Table.Td>{label(KINDS, k.kind)}</Table.Td>
                  <Table.Td>{k.published}</Table.Td>
                  <Table.Td>{k.withDeadline}</Table.Td>
                  <Table.Td>{k.onTime}</Table.Td>
                  <Table.Td>{k.late}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}

      <RoyaltiesSection royalties={report.royalties} many={report.portals.length > 1} />

      <LateItems request={request} nameOf={(id) => nameOfId.get(id) ?? id} />
    </Stack>
  );
}

/** Who was late: the items of the scope first published after their statutory due date. */
function LateItems({ request, nameOf }: { request: ReportRequest; nameOf: (id: string) => string }) {
  const { t } = useI18n();
  const label = useLabel();
  const q = useInfiniteQuery({
    queryKey: ['report-late', request],
    queryFn: ({ pageParam }) => gql(ReportLateItemsDoc, { ...request, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.reportLateItems.length === 50
        ? last.reportLateItems[last.reportLateItems.length - 1].cursor
        : null,
  });
  const items = q.data?.pages.flatMap((p) => p.reportLateItems) ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="late-title">
      <Title order={3} id="late-title" mb="xs">
        {t('Tin bài đăng trễ hạn', 'Items published late')}
      </Title>
      <ErrorBox error={q.error} />
      {q.isSuccess && items.length === 0 && (
        <Text>{t('Không có tin bài nào đăng trễ hạn.', 'No item was published late.')}</Text>
      )}
      {items.length > 0 && (
        <Table striped aria-labelledby="late-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
              <Table.Th>{t('Tin bài', 'Item')}</Table.Th>
              <Table.Th>{t('Loại', 'Kind')}</Table.Th>
              <Table.Th>{t('Hạn đăng', 'Due')}</Table.Th>
              <Table.Th>{t('Đăng lúc', 'Published')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={`${i.tenantId}-${i.itemId}`}>
                <Table.Td>{nameOf(i.tenantId)}</Table.Td>
                <Table.Td>{i.title}</Table.Td>
                <Table.Td>{label(KINDS, i.kind)}</Table.Td>
                <Table.Td>{fmtDateTime(i.dueAt)}</Table.Td>
                <Table.Td>{fmtDateTime(i.publishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {q.hasNextPage && (
        <Button
          variant="outline"
          mt="sm"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('Xem thêm', 'Load more')}
        </Button>
      )}
    </Card>
  );
}
