import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import {
  AnswerDialogueQuestionDoc,
  DialogueDoc,
  RejectDialogueQuestionDoc,
  SelectDialogueQuestionDoc,
  TransitionDialogueDoc,
  UpdateDialogueDoc,
} from '../../api/dialogues-documents';
import type { ConsoleDialogueQuery, DialogueStep } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { citDialogue } from '../../router';
import { useAction } from '../federation/shared';
import { useMe } from '../me';
import { DIALOGUE_STATES, DialogueFields, type DialogueForm, toInput, toLocalInput } from './Dialogues';

type Dialogue = NonNullable<ConsoleDialogueQuery['dialogue']>;
type Question = NonNullable<Dialogue['questions']>[number];

const QUESTION_STATES: Record<string, [string, string]> = {
  RECEIVED: ['Chờ chọn', 'Waiting'],
  SELECTED: ['Đã chọn, chờ trả lời', 'Selected, awaiting the answer'],
  ANSWERED: ['Đã trả lời (đã đăng)', 'Answered (published)'],
  REJECTED: ['Không chọn', 'Rejected'],
};
const RELOAD = ['dialogue', 'dialogues'];

/** The steps the board takes from each state (the server's state machine has the last word). */
const STEPS: Record<string, DialogueStep[]> = {
  SCHEDULED: ['OPEN_QUESTIONS', 'START', 'CANCEL'],
  OPEN: ['START', 'CANCEL'],
  LIVE: ['END'],
};

/** One question of the queue: select (with the text shown and the guest), reject, answer. */
function QuestionCard({ d, q, board }: { d: Dialogue; q: Question; board: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const action = useAction();
  const [shown, setShown] = useState(q.displayText ?? q.text);
  const [guestId, setGuestId] = useState(q.guestId ?? d.guests[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState(q.answer ?? '');
  const taking = d.state === 'OPEN' || d.state === 'LIVE';
  const guestName = d.allGuests.find((g) => g.id === q.guestId)?.name;
  const guests = d.guests.map((g) => ({ value: g.id, label: g.name }));
  return (
    <Card withBorder component="article" aria-labelledby={`q-${q.id}`}>
      <Group justify="space-between">
        <Title order={3} size="h5" id={`q-${q.id}`}>
          {q.askerName} · {q.trackingCode}
        </Title>
        <Badge color="#495057" variant="filled" tt="none">
          {label(QUESTION_STATES, q.status)}
        </Badge>
      </Group>
      <Text size="sm">
        {fmtDateTime(q.receivedAt)}
        {q.email || q.phone ? ` · ${[q.email, q.phone].filter(Boolean).join(' · ')}` : ''}
      </Text>
      <Text mt="xs" style={{ whiteSpace: 'pre-line' }}>
        {q.text}
      </Text>
      {q.displayText && (
        <Text mt="xs" size="sm">
          {t('Nội dung hiển thị', 'Displayed text')}: {q.displayText}
        </Text>
      )}
      {q.rejectReason && (
        <Text mt="xs" size="sm">
          {t('Lý do không chọn', 'Reason')}: {q.rejectReason}
        </Text>
      )}
      {q.answer && (
        <Paper withBorder p="xs" mt="xs">
          <Text size="sm" fw={700}>
            {guestName ?? t('Khách mời', 'Guest')} {t('trả lời', 'answers')}:
          </Text>
          <Text style={{ whiteSpace: 'pre-line' }}>{q.answer}</Text>
        </Paper>
      )}
      {action.alert}
      {board && taking && q.status !== 'ANSWERED' && (
        <Stack mt="sm" gap="xs">
          <Textarea
            label={t(
              'Nội dung hiển thị trên trang (bản gốc được giữ)',
              'Text shown on the page (the original is kept)',
            )}
            autosize
            minRows={2}
            value={shown}
            onChange={(e) => setShown(e.currentTarget.value)}
            error={action.fieldError('displayText')}
          />
          <Group align="end">
            <NativeSelect
              label={t('Khách mời trả lời', 'Guest who answers')}
              value={guestId}
              onChange={(e) => setGuestId(e.currentTarget.value)}
              data={guests}
              error={action.fieldError('guestId')}
            />
            <Button
              loading={action.busy}
              onClick={() =>
                void action.run(
                  async () =>
                    (
                      await gql(SelectDialogueQuestionDoc, {
                        id: q.id,
                        input: { displayText: shown, guestId },
                      })
                    ).selectDialogueQuestion,
                  t('Đã chọn câu hỏi.', 'Question selected.'),
                  RELOAD,
                )
              }
            >
              {t('Chọn câu hỏi', 'Select')}
            </Button>
          </Group>
          {q.status !== 'REJECTED' && (
            <Group align="end">
              <TextInput
                label={t('Lý do không chọn', 'Reason for rejecting')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={action.fieldError('reason')}
              />
              <Button
                variant="outline"
                color="red"
                loading={action.busy}
                onClick={() =>
                  void action.run(
                    async () =>
                      (await gql(RejectDialogueQuestionDoc, { id: q.id, reason })).rejectDialogueQuestion,
                    t('Đã ghi không chọn.', 'Rejected.'),
                    RELOAD,
                  )
                }
              >
                {t('Không chọn', 'Reject')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {board && d.state === 'LIVE' && (q.status === 'SELECTED' || q.status === 'ANSWERED') && (
        <Stack mt="sm" gap="xs">
          <Textarea
            label={t(
              `Câu trả lời của ${guestName ?? 'khách mời'} (Ban Biên tập ghi thay, đăng ngay)`,
              `${guestName ?? 'The guest'}’s answer (recorded by the board, published at once)`,
            )}
            autosize
            minRows={3}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            error={action.fieldError('answer')}
          />
          <Group>
            <Button
              loading={action.busy}
              onClick={() =>
                void action.run(
                  async () =>
                    (
                      await gql(AnswerDialogueQuestionDoc, {
                        id: q.id,
                        answer,
                        guestId: q.guestId ?? guestId,
                      })
                    ).answerDialogueQuestion,
                  t('Đã đăng câu trả lời.', 'The answer is published.'),
                  RELOAD,
                )
              }
            >
              {q.status === 'ANSWERED'
                ? t('Sửa câu trả lời', 'Correct the answer')
                : t('Đăng câu trả lời', 'Publish the answer')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** One session: its details and guests (editable until it ends), its steps, and the question queue. */
export function DialoguePage() {
  const { id } = citDialogue.useParams();
  const { t } = useI18n();
  const label = useLabel();
  const me = useMe();
  const board = me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER');
  const q = useQuery({ queryKey: ['dialogue', id], queryFn: () => gql(DialogueDoc, { id }) });
  const d = q.data?.dialogue;
  usePageTitle(d?.title ?? t('Giao lưu trực tuyến', 'Online dialogue'));
  const step = useAction();
  const edit = useAction();
  const [reason, setReason] = useState('');
  const [form, setForm] = useState<DialogueForm | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (d)
      setForm({
        titleVi: d.titleVi,
        titleEn: d.titleEn ?? '',
        topicVi: d.topicVi,
        topicEn: d.topicEn ?? '',
        place: d.place,
        startsAt: toLocalInput(d.startsAt),
        endsAt: toLocalInput(d.endsAt),
        guests: d.guests.map((g) => ({
          id: g.id,
          kind: g.kind,
          name: g.name,
          jobTitle: g.jobTitle,
          unit: g.unit,
        })),
      });
  }, [d]);
  if (q.isLoading) return <Loading />;
  if (q.error || !d) return <ErrorBox error={q.error} />;
  const questions = (d.questions ?? []).filter((x) => !filter || x.status === filter);
  const stepLabel: Record<DialogueStep, string> = {
    OPEN_QUESTIONS: t('Mở nhận câu hỏi', 'Open for questions'),
    START: t('Bắt đầu giao lưu', 'Start the session'),
    END: t('Kết thúc (tạo bản nháp nội dung)', 'End (drafts the transcript)'),
    CANCEL: t('Hủy buổi giao lưu', 'Cancel the session'),
  };
  const editable = ['SCHEDULED', 'OPEN', 'LIVE'].includes(d.state);
  return (
    <Stack>
      <Anchor renderRoot={(p) => <Link {...p} to="/cong-dan/giao-luu" />}>
        {t('← Các buổi giao lưu', '← All dialogues')}
      </Anchor>
      <Title order={1}>{d.title}</Title>
      <Text>
        {label(DIALOGUE_STATES, d.state)} · {fmtDateTime(d.startsAt)} – {fmtDateTime(d.endsAt)} · {d.place}
      </Text>
      {d.cancelReason && (
        <Text>
          {t('Lý do hủy', 'Reason for cancelling')}: {d.cancelReason}
        </Text>
      )}
      {d.transcriptItemId && (
        <Text>
          <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id: d.transcriptItemId! }} />}>
            {t(
              'Nội dung buổi giao lưu (bài viết, qua quy trình biên tập)',
              'The transcript item (through the editorial workflow)',
            )}
          </Anchor>
        </Text>
      )}
      {board && STEPS[d.state] && (
        <Paper withBorder p="md" component="section" aria-labelledby="h-steps">
          <Title order={2} size="h4" id="h-steps" mb="xs">
            {t('Điều hành buổi giao lưu', 'Run the session')}
          </Title>
          {step.alert}
          <Group align="end">
            {STEPS[d.state].includes('CANCEL') && (
              <TextInput
                label={t('Lý do hủy', 'Reason for cancelling')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={step.fieldError('reason')}
              />
            )}
            {STEPS[d.state].map((s) => (
              <Button
                key={s}
                variant={s === 'CANCEL' ? 'outline' : 'filled'}
                color={s === 'CANCEL' ? 'red' : undefined}
                loading={step.busy}
                onClick={() =>
                  void step.run(
                    async () =>
                      (
                        await gql(TransitionDialogueDoc, {
                          id: d.id,
                          step: s,
                          reason: s === 'CANCEL' ? reason : null,
                        })
                      ).transitionDialogue,
                    t('Đã cập nhật buổi giao lưu.', 'The session was updated.'),
                    RELOAD,
                  )
                }
              >
                {stepLabel[s]}
              </Button>
            ))}
          </Group>
        </Paper>
      )}
      <section aria-labelledby="h-queue">
        <Group justify="space-between" align="end" mb="xs">
          <Title order={2} size="h3" id="h-queue">
            {t('Câu hỏi của người dân', 'Citizens’ questions')} ({d.questions?.length ?? 0})
          </Title>
          <NativeSelect
            label={t('Lọc theo tình trạng', 'Filter by state')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            data={[
              { value: '', label: t('Tất cả', 'All') },
              ...Object.keys(QUESTION_STATES).map((k) => ({ value: k, label: label(QUESTION_STATES, k) })),
            ]}
          />
        </Group>
        <Stack>
          {questions.length === 0 && <Text>{t('Không có câu hỏi nào.', 'No questions.')}</Text>}
          {questions.map((x) => (
            <QuestionCard key={`${x.id}-${x.status}-${d.state}`} d={d} q={x} board={board} />
          ))}
        </Stack>
      </section>
      {board && editable && form && (
        <Paper withBorder p="md" component="section" aria-labelledby="h-edit">
          <Title order={2} size="h4" id="h-edit" mb="xs">
            {t('Sửa thông tin và khách mời', 'Edit the details and guests')}
          </Title>
          {edit.alert}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void edit.run(
                async () => (await gql(UpdateDialogueDoc, { id: d.id, input: toInput(form) })).updateDialogue,
                t('Đã lưu.', 'Saved.'),
                RELOAD,
              );
            }}
          >
            <DialogueFields form={form} setForm={setForm} fieldError={edit.fieldError} />
            <Button type="submit" mt="md" loading={edit.busy}>
              {t('Lưu', 'Save')}
            </Button>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
