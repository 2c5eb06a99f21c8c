import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Anchor, Badge, Checkbox, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { QuestionQueueDoc, QuestionRulesDoc } from '../../api/citizens-documents';
import type { QuestionStatus, QuestionType } from '../../gql/graphql';
import { fmtDate, fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { currentDeadline, QUESTION_STATUS } from './labels';

const RULE_KINDS: Record<string, [string, string]> = {
  QA_ROUTING: ['Phân loại, chuyển xử lý', 'Classify and route'],
  QA_UNIT_ANSWER: ['Đơn vị trả lời', 'Unit answers'],
  QA_ANSWER: ['Trả lời', 'Answer'],
  QA_BOARD_PUBLISH: ['Ban biên tập công bố', 'Board publishes'],
  QA_OUT_OF_SCOPE_NOTICE: ['Báo ngoài phạm vi', 'Out-of-scope notice'],
};

/** "Quyết định số 05/2024/QĐ-UBND ngày … ban hành …" → "Quyết định số 05/2024/QĐ-UBND". */
function shortDocument(document: string): string {
  return /^(.+?\ssố\s+\S+)/.exec(document)?.[1] ?? document;
}

/**
 * The questions (or the feedback on regulations) waiting on this portal: overdue first, then by the
 * deadline they are working against, each deadline counted in working days by the server.
 */
export function QuestionQueue({ type }: { type: QuestionType }) {
  const { t } = useI18n();
  const label = useLabel();
  const title =
    type === 'QUESTION'
      ? t('Hỏi đáp của công dân', 'Citizens’ questions')
      : t('Phản ánh, kiến nghị về quy định hành chính', 'Feedback on regulations');
  usePageTitle(title);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [status, setStatus] = useState('');
  const filter = {
    type,
    overdueOnly: overdueOnly || null,
    statuses: status ? [status as QuestionStatus] : null,
    first: 100,
  };
  const queue = useQuery({
    queryKey: ['question-queue', filter],
    queryFn: () => gql(QuestionQueueDoc, { filter }),
  });
  const rules = useQuery({ queryKey: ['question-rules'], queryFn: () => gql(QuestionRulesDoc) });
  const now = Date.now();
  const rows = (queue.data?.questionQueue ?? [])
    .map((q) => ({ q, due: currentDeadline(q) }))
    .map((r) => ({ ...r, overdue: !!r.due && Date.parse(r.due.at) < now }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.due ? Date.parse(a.due.at) : Infinity) - (b.due ? Date.parse(b.due.at) : Infinity) ||
        Date.parse(a.q.receivedAt) - Date.parse(b.q.receivedAt),
    );
  const policy = rules.data?.deadlinePolicy;
  const qaRules = policy?.rules.filter((r) => r.kind in RULE_KINDS) ?? [];
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      {qaRules.length > 0 && (
        <section aria-labelledby="qa-rules">
          <Text fw={700} id="qa-rules" component="h2" size="md" m={0}>
            {t('Thời hạn xử lý (ngày làm việc)', 'Handling deadlines (working days)')}
          </Text>
          <List size="sm">
            {qaRules.map((r) => (
              <List.Item key={r.kind}>
                {label(RULE_KINDS, r.kind)}:{' '}
                {r.workingDays != null
                  ? t(`${r.workingDays} ngày làm việc`, `${r.workingDays} working days`)
                  : r.type === 'SAME_WORKING_DAY'
                    ? t('trong ngày làm việc', 'the same working day')
                    : t('ngay', 'at once')}{' '}
                ({r.article}, {shortDocument(r.document)})
              </List.Item>
            ))}
          </List>
        </section>
      )}
      <Group align="end">
        <NativeSelect
          label={t('Trạng thái', 'Status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('Đang chờ xử lý', 'Waiting') },
            ...Object.keys(QUESTION_STATUS).map((s) => ({ value: s, label: label(QUESTION_STATUS, s) })),
          ]}
        />
        <Checkbox
          label={t('Chỉ những câu quá hạn', 'Overdue only')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
        />
      </Group>
      {queue.isLoading && <Loading />}
      <ErrorBox error={queue.error} />
      {queue.data && rows.length === 0 && <Text>{t('Không có câu nào đang chờ.', 'Nothing waiting.')}</Text>}
      {rows.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Chủ đề', 'Topic')}</Table.Th>
              <Table.Th>{t('Trạng thái', 'Status')}</Table.Th>
              <Table.Th>{t('Tiếp nhận', 'Received')}</Table.Th>
              <Table.Th>{t('Hạn hiện tại', 'Current deadline')}</Table.Th>
              <Table.Th>{t('Nơi xử lý', 'Handled by')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ q, due, overdue }) => (
              <Table.Tr key={q.id}>
                <Table.Td>
                  <Anchor
                    renderRoot={(p) => <Link {...p} to="/cong-dan/cau-hoi/$id" params={{ id: q.id }} />}
                  >
                    {q.topic}
                  </Anchor>
                  {q.field && (
                    <Text size="sm" c="dimmed">
                      {q.field}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{label(QUESTION_STATUS, q.status)}</Table.Td>
                <Table.Td>{fmtDate(q.receivedAt)}</Table.Td>
                <Table.Td>
                  {due ? (
                    <Stack gap={2}>
                      <Text size="sm">
                        {label({ x: due.which }, 'x')}: {fmtDateTime(due.at)}
                      </Text>
                      {overdue && (
                        <Badge color="#c92a2a" variant="filled" radius="sm" tt="none">
                          {t('Quá hạn', 'Overdue')}
                        </Badge>
                      )}
                    </Stack>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {q.unit?.name ?? q.portal.nameVi}
                  {q.originPortal.id !== q.portal.id && (
                    <Text size="sm" c="dimmed">
                      {t('Gửi tại', 'Asked on')} {q.originPortal.nameVi}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function QuestionsScreen() {
  return <QuestionQueue type="QUESTION" />;
}

export function FeedbackScreen() {
  return <QuestionQueue type="FEEDBACK" />;
}
