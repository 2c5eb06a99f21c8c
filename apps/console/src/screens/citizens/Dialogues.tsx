import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Anchor,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import { DialoguesDoc, ScheduleDialogueDoc } from '../../api/dialogues-documents';
import type { DialogueInput } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { useAction } from '../federation/shared';
import { useMe } from '../me';

export const DIALOGUE_STATES: Record<string, [string, string]> = {
  SCHEDULED: ['Đã lên lịch', 'Scheduled'],
  OPEN: ['Đang nhận câu hỏi', 'Taking questions'],
  LIVE: ['Đang diễn ra', 'Live'],
  ENDED: ['Đã kết thúc (chờ đăng nội dung)', 'Ended (transcript in the workflow)'],
  TRANSCRIPT_PUBLISHED: ['Đã đăng nội dung', 'Transcript published'],
  CANCELLED: ['Đã hủy', 'Cancelled'],
};

export interface GuestRow {
  id?: string | null;
  kind: 'LEADER' | 'EXPERT';
  name: string;
  jobTitle: string;
  unit: string;
}

export interface DialogueForm {
  titleVi: string;
  titleEn: string;
  topicVi: string;
  topicEn: string;
  place: string;
  startsAt: string;
  endsAt: string;
  guests: GuestRow[];
}

/** `datetime-local` value (the browser's time) from an ISO instant, and back. */
export const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : '');

export const toInput = (f: DialogueForm): DialogueInput => ({
  titleVi: f.titleVi,
  titleEn: f.titleEn || null,
  topicVi: f.topicVi,
  topicEn: f.topicEn || null,
  place: f.place,
  startsAt: fromLocalInput(f.startsAt),
  endsAt: fromLocalInput(f.endsAt),
  guests: f.guests.map((g) => ({
    id: g.id ?? null,
    kind: g.kind,
    name: g.name,
    jobTitle: g.jobTitle,
    unit: g.unit,
  })),
});

/** The session's fields and its guests (add, edit, remove, in the order the page lists them). */
export function DialogueFields(props: {
  form: DialogueForm;
  setForm: (f: DialogueForm) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  const { form, setForm, fieldError } = props;
  const set = (patch: Partial<DialogueForm>) => setForm({ ...form, ...patch });
  const setGuest = (i: number, patch: Partial<GuestRow>) =>
    set({ guests: form.guests.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  return (
    <Stack>
      <TextInput
        label={t('Tiêu đề', 'Title')}
        required
        value={form.titleVi}
        onChange={(e) => set({ titleVi: e.currentTarget.value })}
        error={fieldError('titleVi')}
      />
      <TextInput
        label={t('Tiêu đề tiếng Anh', 'English title')}
        value={form.titleEn}
        onChange={(e) => set({ titleEn: e.currentTarget.value })}
        error={fieldError('titleEn')}
      />
      <Textarea
        label={t('Chủ đề', 'Topic')}
        required
        autosize
        minRows={2}
        value={form.topicVi}
        onChange={(e) => set({ topicVi: e.currentTarget.value })}
        error={fieldError('topicVi')}
      />
      <Textarea
        label={t('Chủ đề tiếng Anh', 'English topic')}
        autosize
        minRows={2}
        value={form.topicEn}
        onChange={(e) => set({ topicEn: e.currentTarget.value })}
        error={fieldError('topicEn')}
      />
      <TextInput
        label={t('Địa điểm', 'Place')}
        required
        value={form.place}
        onChange={(e) => set({ place: e.currentTarget.value })}
        error={fieldError('place')}
      />
      <Group grow>
        <TextInput
          type="datetime-local"
          label={t('Bắt đầu', 'Starts')}
          required
          value={form.startsAt}
          onChange={(e) => set({ startsAt: e.currentTarget.value })}
          error={fieldError('startsAt')}
        />
        <TextInput
          type="datetime-local"
          label={t('Kết thúc', 'Ends')}
          required
          value={form.endsAt}
          onChange={(e) => set({ endsAt: e.currentTarget.value })}
          error={fieldError('endsAt')}
        />
      </Group>
      <Fieldset legend={t('Khách mời', 'Guests')}>
        {fieldError('guests') && (
          <Text c="red.9" size="sm">
            {fieldError('guests')}
          </Text>
        )}
        {form.guests.map((g, i) => (
          <Group key={i} align="end" mb="xs">
            <NativeSelect
              label={t(`Khách mời ${i + 1}: loại`, `Guest ${i + 1}: kind`)}
              value={g.kind}
              onChange={(e) => setGuest(i, { kind: e.currentTarget.value as GuestRow['kind'] })}
              data={[
                { value: 'LEADER', label: t('Lãnh đạo', 'Leader') },
                { value: 'EXPERT', label: t('Chuyên gia', 'Expert') },
              ]}
            />
            <TextInput
              label={t(`Khách mời ${i + 1}: họ tên`, `Guest ${i + 1}: name`)}
              value={g.name}
              onChange={(e) => setGuest(i, { name: e.currentTarget.value })}
              error={fieldError(`guests.${i}.name`)}
            />
            <TextInput
              label={t(`Khách mời ${i + 1}: chức vụ`, `Guest ${i + 1}: position`)}
              value={g.jobTitle}
              onChange={(e) => setGuest(i, { jobTitle: e.currentTarget.value })}
              error={fieldError(`guests.${i}.jobTitle`)}
            />
            <TextInput
              label={t(`Khách mời ${i + 1}: đơn vị`, `Guest ${i + 1}: unit`)}
              value={g.unit}
              onChange={(e) => setGuest(i, { unit: e.currentTarget.value })}
              error={fieldError(`guests.${i}.unit`)}
            />
            <Button
              variant="outline"
              color="red"
              onClick={() => set({ guests: form.guests.filter((_, j) => j !== i) })}
              aria-label={t(`Bỏ khách mời ${i + 1}`, `Remove guest ${i + 1}`)}
            >
              {t('Bỏ', 'Remove')}
            </Button>
          </Group>
        ))}
        <Button
          variant="light"
          onClick={() =>
            set({ guests: [...form.guests, { kind: 'LEADER', name: '', jobTitle: '', unit: '' }] })
          }
        >
          {t('Thêm khách mời', 'Add a guest')}
        </Button>
      </Fieldset>
    </Stack>
  );
}

const EMPTY: DialogueForm = {
  titleVi: '',
  titleEn: '',
  topicVi: '',
  topicEn: '',
  place: '',
  startsAt: '',
  endsAt: '',
  guests: [{ kind: 'LEADER', name: '', jobTitle: '', unit: '' }],
};

/** The portal's online dialogues (05/2024/QĐ-UBND art. 8.5), and the form that schedules one. */
export function Dialogues() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Giao lưu trực tuyến', 'Online dialogues'));
  const me = useMe();
  const navigate = useNavigate();
  const board = me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER');
  const list = useQuery({ queryKey: ['dialogues'], queryFn: () => gql(DialoguesDoc) });
  const action = useAction();
  const [form, setForm] = useState<DialogueForm>(EMPTY);
  const rows = list.data?.dialogues.nodes ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Giao lưu trực tuyến', 'Online dialogues')}</Title>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        !list.error && <Text>{t('Chưa có buổi giao lưu nào.', 'No dialogues yet.')}</Text>
      ) : (
        <Table striped>
          <Table.Caption>{t('Các buổi giao lưu, mới nhất trước', 'Sessions, newest first')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('Buổi giao lưu', 'Session')}</Table.Th>
              <Table.Th scope="col">{t('Thời gian', 'Time')}</Table.Th>
              <Table.Th scope="col">{t('Khách mời', 'Guests')}</Table.Th>
              <Table.Th scope="col">{t('Tình trạng', 'State')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor
                    renderRoot={(p) => <Link {...p} to="/cong-dan/giao-luu/$id" params={{ id: d.id }} />}
                  >
                    {d.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {fmtDateTime(d.startsAt)} – {fmtDateTime(d.endsAt)}
                </Table.Td>
                <Table.Td>{d.guests.map((g) => g.name).join(', ')}</Table.Td>
                <Table.Td>{label(DIALOGUE_STATES, d.state)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {board && (
        <Paper withBorder p="md" component="section" aria-labelledby="h-new-dialogue">
          <Title order={2} size="h3" id="h-new-dialogue" mb="sm">
            {t('Lên lịch buổi giao lưu', 'Schedule a dialogue')}
          </Title>
          {action.alert}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void (async () => {
                let id: string | null = null;
                const ok = await action.run(
                  async () => {
                    const r = (await gql(ScheduleDialogueDoc, { input: toInput(form) })).scheduleDialogue;
                    if (r.__typename === 'Dialogue') id = r.id;
                    return r;
                  },
                  t('Đã lên lịch buổi giao lưu.', 'The dialogue is scheduled.'),
                  ['dialogues'],
                );
                if (ok && id) void navigate({ to: '/cong-dan/giao-luu/$id', params: { id } });
              })();
            }}
          >
            <DialogueFields form={form} setForm={setForm} fieldError={action.fieldError} />
            <Button type="submit" mt="md" loading={action.busy}>
              {t('Lên lịch', 'Schedule')}
            </Button>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
