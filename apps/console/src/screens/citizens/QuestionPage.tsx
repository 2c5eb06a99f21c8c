import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import {
  ApproveAnswerDoc,
  ClassifyQuestionDoc,
  DraftAnswerDoc,
  ForwardQuestionDoc,
  OutOfScopeDoc,
  PublishQuestionDoc,
  QuestionDoc,
  QuestionUnitsDoc,
  ReturnAnswerDoc,
  RouteQuestionDoc,
} from '../../api/citizens-documents';
import { PortalChildrenDoc, PortalTreeDoc } from '../../api/federation-documents';
import type { ConsoleQuestionQuery } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { citQuestion } from '../../router';
import { useAction } from '../federation/shared';
import { currentDeadline, QUESTION_ACTIONS, QUESTION_STATUS, QUESTION_TYPES } from './labels';

const RELOAD = ['question', 'question-queue'];

/** One question or feedback: what was asked, its deadlines, the next steps its status allows, its history. */
export function QuestionPage() {
  const { id } = citQuestion.useParams();
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Câu hỏi của công dân', 'A citizen’s question'));
  const q = useQuery({ queryKey: ['question', id], queryFn: () => gql(QuestionDoc, { id }) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} />;
  const question = q.data?.question;
  if (!question)
    return (
      <Stack>
        <Title order={1}>{t('Không tìm thấy câu hỏi', 'Question not found')}</Title>
        <Text>
          {t(
            'Câu hỏi không tồn tại hoặc bạn không có quyền xem.',
            'It does not exist or you may not see it.',
          )}
        </Text>
      </Stack>
    );
  const due = currentDeadline(question);
  const deadlines: Array<[string, string, string | null | undefined]> = [
    ['Hạn phân loại, chuyển xử lý', 'Routing due', question.routingDueAt],
    ['Hạn báo ngoài phạm vi', 'Out-of-scope notice due', question.outOfScopeDueAt],
    ['Hạn đơn vị trả lời', 'Unit’s answer due', question.unitDueAt],
    ['Hạn trả lời', 'Answer due', question.answerDueAt],
    ['Hạn công bố', 'Publication due', question.boardDueAt],
  ];
  return (
    <Stack>
      <Anchor
        renderRoot={(p) => (
          <Link {...p} to={question.type === 'FEEDBACK' ? '/cong-dan/phan-anh' : '/cong-dan/cau-hoi'} />
        )}
      >
        {t('← Danh sách', '← The list')}
      </Anchor>
      <Title order={1}>{question.topic}</Title>
      <Text>
        {label(QUESTION_TYPES, question.type)} · {label(QUESTION_STATUS, question.status)}
        {question.field ? ` · ${t('Lĩnh vực', 'Field')}: ${question.field}` : ''}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="q-text">
          <Title order={2} size="h4" id="q-text">
            {t('Nội dung', 'What was asked')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{question.text}</Text>
          {question.asker && (
            <Text size="sm" mt="xs">
              {t('Người gửi', 'From')}: {question.asker.name}
              {question.asker.email ? ` · ${question.asker.email}` : ''}
              {question.asker.phone ? ` · ${question.asker.phone}` : ''}
            </Text>
          )}
          {question.attachment && (
            <Anchor size="sm" href={`/questions/${question.id}/attachment`}>
              {question.attachment.fileName}
            </Anchor>
          )}
          <Text size="sm" mt="xs">
            {t('Gửi tại', 'Asked on')} {question.originPortal.nameVi} · {fmtDateTime(question.receivedAt)}
            {question.unit ? ` · ${t('Đơn vị xử lý', 'Unit')}: ${question.unit.name}` : ''}
            {question.answeringPortal.id !== question.portal.id
              ? ` · ${t('Cổng trả lời', 'Answering portal')}: ${question.answeringPortal.nameVi}`
              : ''}
          </Text>
          {question.answer && (
            <>
              <Title order={3} size="h5" mt="sm">
                {t('Trả lời', 'Answer')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{question.answer}</Text>
            </>
          )}
          {question.outOfScopeNotice && (
            <Text mt="sm">
              {t('Thông báo ngoài phạm vi', 'Out-of-scope notice')}: {question.outOfScopeNotice}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="q-deadlines">
          <Title order={2} size="h4" id="q-deadlines">
            {t('Thời hạn (tính theo ngày làm việc)', 'Deadlines (in working days)')}
          </Title>
          {due && (
            <Text fw={700}>
              {t('Hiện tại', 'Now')}: {label({ x: due.which }, 'x')} {fmtDateTime(due.at)}
              {Date.parse(due.at) < Date.now() ? ` — ${t('quá hạn', 'overdue')}` : ''}
            </Text>
          )}
          <Table>
            <Table.Tbody>
              {deadlines
                .filter(([, , at]) => at)
                .map(([vi, en, at]) => (
                  <Table.Tr key={en}>
                    <Table.Th scope="row">{t(vi, en)}</Table.Th>
                    <Table.Td>{fmtDateTime(at)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
      <Steps question={question} />
      <Stack component="section" aria-labelledby="q-history">
        <Title order={2} size="h4" id="q-history">
          {t('Lịch sử xử lý', 'History')}
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Thời điểm', 'When')}</Table.Th>
              <Table.Th>{t('Bước', 'Step')}</Table.Th>
              <Table.Th>{t('Trạng thái', 'Status')}</Table.Th>
              <Table.Th>{t('Ghi chú', 'Note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data!.questionHistory.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{fmtDateTime(e.at)}</Table.Td>
                <Table.Td>{label(QUESTION_ACTIONS, e.action)}</Table.Td>
                <Table.Td>{label(QUESTION_STATUS, e.toStatus)}</Table.Td>
                <Table.Td>{e.note ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Stack>
  );
}

type Q = NonNullable<ConsoleQuestionQuery['question']>;

function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The next steps the question's status allows; the server decides who may take them. */
function Steps({ question }: { question: Q }) {
  const { t } = useI18n();
  const act = useAction();
  const navigate = useNavigate();
  const listPath = question.type === 'FEEDBACK' ? '/cong-dan/phan-anh' : '/cong-dan/cau-hoi';
  const open = question.status === 'RECEIVED' || question.status === 'ROUTED';
  const tree = useQuery({ queryKey: ['portal-tree'], queryFn: () => gql(PortalTreeDoc), enabled: open });
  const parentId = tree.data?.portal.parentId;
  const siblings = useQuery({
    queryKey: ['portal-children', parentId],
    queryFn: () => gql(PortalChildrenDoc, { id: parentId! }),
    enabled: open && !!parentId,
  });
  const units = useQuery({
    queryKey: ['question-units', question.portal.id],
    queryFn: () => gql(QuestionUnitsDoc, { tenantId: question.portal.id }),
    enabled: open,
    retry: false,
  });
  const [topic, setTopic] = useState(question.topic);
  const [field, setField] = useState(question.field ?? '');
  const [routeTo, setRouteTo] = useState('');
  const [forwardTo, setForwardTo] = useState('');
  const [forwardNote, setForwardNote] = useState('');
  const [notice, setNotice] = useState('');
  const [answer, setAnswer] = useState(question.answer ?? '');
  const [returnNote, setReturnNote] = useState('');
  const [publicText, setPublicText] = useState(question.publicText ?? question.text);
  useEffect(() => setAnswer(question.answer ?? ''), [question.answer]);
  const id = question.id;
  const portal = tree.data?.portal;
  const forwardTargets = [
    ...(portal?.parentChain ?? []).filter((p) => p.id !== portal?.id),
    ...(siblings.data?.tenant?.children ?? []).filter((p) => p.id !== portal?.id),
    ...(portal?.children ?? []),
  ];
  const routeTargets = [
    ...(units.data?.questionUnits ?? []).map((u) => ({
      value: `u:${u.id}`,
      label: `${t('Đơn vị', 'Unit')}: ${u.name}`,
    })),
    ...(portal?.children ?? []).map((c) => ({
      value: `c:${c.id}`,
      label: `${t('Cổng cấp dưới', 'Portal below')}: ${c.name}`,
    })),
  ];
  return (
    <Stack>
      {act.alert}
      {open && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Step id="s-classify" title={t('Phân loại', 'Classify')}>
            <TextInput
              label={t('Chủ đề', 'Topic')}
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
              error={act.fieldError('topic')}
            />
            <TextInput
              label={t('Lĩnh vực', 'Field')}
              value={field}
              onChange={(e) => setField(e.currentTarget.value)}
              error={act.fieldError('field')}
            />
            <Group>
              <Button
                variant="outline"
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () =>
                      (await gql(ClassifyQuestionDoc, { id, topic, field: field || null })).classifyQuestion,
                    t('Đã lưu phân loại.', 'Classification saved.'),
                    RELOAD,
                  )
                }
              >
                {t('Lưu phân loại', 'Save the classification')}
              </Button>
            </Group>
          </Step>
          <Step id="s-route" title={t('Chuyển xử lý', 'Route')}>
            <NativeSelect
              label={t('Chuyển tới', 'Route to')}
              value={routeTo}
              onChange={(e) => setRouteTo(e.currentTarget.value)}
              data={[
                { value: '', label: t('— Chọn đơn vị hoặc cổng cấp dưới —', '— A unit or a portal below —') },
                ...routeTargets,
              ]}
              error={act.fieldError('unitId') ?? act.fieldError('childTenantId')}
            />
            <Group>
              <Button
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () =>
                      (
                        await gql(RouteQuestionDoc, {
                          id,
                          unitId: routeTo.startsWith('u:') ? routeTo.slice(2) : null,
                          childTenantId: routeTo.startsWith('c:') ? routeTo.slice(2) : null,
                        })
                      ).routeQuestion,
                    t('Đã chuyển xử lý.', 'Routed.'),
                    RELOAD,
                  )
                }
              >
                {t('Chuyển xử lý', 'Route')}
              </Button>
            </Group>
          </Step>
          <Step id="s-forward" title={t('Chuyển tới cổng có thẩm quyền', 'Forward to the competent portal')}>
            <NativeSelect
              label={t('Cổng nhận', 'Receiving portal')}
              value={forwardTo}
              onChange={(e) => setForwardTo(e.currentTarget.value)}
              data={[
                { value: '', label: t('— Chọn cổng —', '— Choose a portal —') },
                ...forwardTargets.map((p) => ({ value: p.id, label: p.name })),
              ]}
              error={act.fieldError('targetTenantId')}
            />
            <TextInput
              label={t('Ghi chú chuyển', 'Note')}
              value={forwardNote}
              onChange={(e) => setForwardNote(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="outline"
                loading={act.busy}
                onClick={async () => {
                  const forwarded = await act.run(
                    async () =>
                      (
                        await gql(ForwardQuestionDoc, {
                          id,
                          targetTenantId: forwardTo,
                          note: forwardNote || null,
                        })
                      ).forwardQuestion,
                    t('Đã chuyển sang cổng khác.', 'Forwarded.'),
                    ['question-queue'],
                  );
                  // The question now belongs to the other portal's board: back to this portal's list.
                  if (forwarded) void navigate({ to: listPath });
                }}
              >
                {t('Chuyển cổng', 'Forward')}
              </Button>
            </Group>
          </Step>
          {question.status === 'RECEIVED' && (
            <Step id="s-scope" title={t('Trả lời ngoài phạm vi', 'Answer: out of scope')}>
              <Textarea
                label={t('Thông báo cho người hỏi', 'Notice to the asker')}
                value={notice}
                onChange={(e) => setNotice(e.currentTarget.value)}
                error={act.fieldError('notice')}
              />
              <Group>
                <Button
                  color="red.9"
                  variant="outline"
                  loading={act.busy}
                  onClick={() =>
                    void act.run(
                      async () => (await gql(OutOfScopeDoc, { id, notice })).answerQuestionOutOfScope,
                      t('Đã báo ngoài phạm vi.', 'Answered out of scope.'),
                      RELOAD,
                    )
                  }
                >
                  {t('Gửi thông báo ngoài phạm vi', 'Send the out-of-scope notice')}
                </Button>
              </Group>
            </Step>
          )}
        </SimpleGrid>
      )}
      {question.status === 'ROUTED' && (
        <Step id="s-draft" title={t('Dự thảo trả lời', 'Draft the answer')}>
          <Textarea
            autosize
            minRows={4}
            label={t('Câu trả lời', 'Answer')}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            error={act.fieldError('answer')}
          />
          <Group>
            <Button
              loading={act.busy}
              onClick={() =>
                void act.run(
                  async () => (await gql(DraftAnswerDoc, { id, answer })).draftQuestionAnswer,
                  t('Đã gửi dự thảo trả lời.', 'Answer drafted.'),
                  RELOAD,
                )
              }
            >
              {t('Gửi dự thảo trả lời', 'Send the draft answer')}
            </Button>
          </Group>
        </Step>
      )}
      {question.status === 'ANSWERED' && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Step id="s-approve" title={t('Phê duyệt trả lời', 'Approve the answer')}>
            <Textarea
              autosize
              minRows={4}
              label={t('Câu trả lời (có thể sửa)', 'Answer (may be edited)')}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              error={act.fieldError('answer')}
            />
            <Group>
              <Button
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () =>
                      (
                        await gql(ApproveAnswerDoc, {
                          id,
                          answer: answer !== question.answer ? answer : null,
                        })
                      ).approveQuestionAnswer,
                    t('Đã phê duyệt.', 'Approved.'),
                    RELOAD,
                  )
                }
              >
                {t('Phê duyệt', 'Approve')}
              </Button>
            </Group>
          </Step>
          <Step id="s-return" title={t('Trả lại đơn vị', 'Return to the unit')}>
            <Textarea
              label={t('Lý do trả lại', 'Why it goes back')}
              value={returnNote}
              onChange={(e) => setReturnNote(e.currentTarget.value)}
              error={act.fieldError('note')}
            />
            <Group>
              <Button
                color="red.9"
                variant="outline"
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () => (await gql(ReturnAnswerDoc, { id, note: returnNote })).returnQuestionAnswer,
                    t('Đã trả lại.', 'Returned.'),
                    RELOAD,
                  )
                }
              >
                {t('Trả lại', 'Return')}
              </Button>
            </Group>
          </Step>
        </SimpleGrid>
      )}
      {question.status === 'APPROVED' && (
        <Step id="s-publish" title={t('Công bố', 'Publish')}>
          <Textarea
            autosize
            minRows={3}
            label={t(
              'Câu hỏi khi công bố (bỏ thông tin cá nhân)',
              'The question as published (no personal data)',
            )}
            value={publicText}
            onChange={(e) => setPublicText(e.currentTarget.value)}
            error={act.fieldError('publicText')}
          />
          <Group>
            <Button
              loading={act.busy}
              onClick={() =>
                void act.run(
                  async () =>
                    (await gql(PublishQuestionDoc, { id, publicText: publicText || null })).publishQuestion,
                  t('Đã công bố trên cổng.', 'Published on the portal.'),
                  RELOAD,
                )
              }
            >
              {t('Công bố', 'Publish')}
            </Button>
          </Group>
        </Step>
      )}
    </Stack>
  );
}
