import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Typography,
} from '@mantine/core';
import { gql, GqlError } from '../api/graphql';
import { ItemDoc, ScheduleDoc, TransitionDoc } from '../api/documents';
import type { ApiError } from '../api/session';
import type { RefusalReason, WorkflowAction } from '../gql/graphql';
import { item as itemRoute } from '../router';
import { ACTIONS, fmtDateTime, KINDS, REASONS, useI18n, useLabel, vnLocalToIso } from '../i18n';
import { ErrorBox, Loading, StatusBadge, usePageTitle, notify } from '../ui/common';
import { useMe } from './me';
import { withShownImages } from '../api/media';
import { GradePanel } from './royalties/GradePanel';
import { MediaPanel } from './media/MediaPanel';
import { LegalPanel } from './modules/LegalPanel';

type Dialog = null | 'RETURN' | 'REFUSE' | 'SCHEDULE';

export function ItemPage() {
  const { id } = itemRoute.useParams();
  const { t, msg } = useI18n();
  const label = useLabel();
  const me = useMe();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['item', id], queryFn: () => gql(ItemDoc, { id }) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<RefusalReason | ''>('');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const item = q.data?.contentItem;
  usePageTitle(item?.working?.title ?? item?.live?.title ?? t('Tin bài', 'Item'));
  const step = useMutation({
    mutationFn: async (v: { action: WorkflowAction; note?: string; reason?: RefusalReason; at?: string }) => {
      const r =
        v.action === 'SCHEDULE'
          ? (await gql(ScheduleDoc, { itemId: id, publishAt: v.at! })).scheduleContent
          : (
              await gql(TransitionDoc, {
                itemId: id,
                action: v.action,
                note: v.note ?? null,
                reason: v.reason ?? null,
              })
            ).transitionContent;
      if (r.__typename === 'InputError') throw new GqlError(r);
      return v.action;
    },
    onSuccess: (action) => {
      setDialog(null);
      setError(null);
      setNote('');
      notify(`${label(ACTIONS, action)}: ${t('đã xong', 'done')}`);
      void client.invalidateQueries();
    },
    onError: (e) =>
      setError(
        e instanceof GqlError ? e.error : { errorCode: 'ERROR', messageVi: 'Lỗi', messageEn: 'Error' },
      ),
  });
  if (q.isLoading) return <Loading />;
  const notFound =
    !item && (!q.error || (q.error instanceof GqlError && q.error.error.errorCode === 'NOT_FOUND'));
  if (q.error && !notFound) return <ErrorBox error={q.error} />;
  if (!item)
    return (
      <Stack>
        <Title order={1}>{t('Tin bài', 'Item')}</Title>
        <Alert color="red" role="alert">
          {t(
            'Không tìm thấy tin bài (hoặc bạn không có quyền xem).',
            'Item not found (or not visible to you).',
          )}
        </Alert>
      </Stack>
    );
  const rev = item.working ?? item.live!;
  const myId = me.data?.me.id;
  const actor = (a: string | null | undefined) =>
    !a ? t('Hệ thống', 'System') : a === myId ? t('Tôi', 'Me') : a.slice(0, 8);
  const blockedText = (code: string | null | undefined) =>
    code === 'FOUR_EYES'
      ? t(
          'Bạn là người viết bài này: người khác phải phê duyệt (nguyên tắc bốn mắt).',
          'You wrote this item: someone else must approve it (four-eyes rule).',
        )
      : t('Vai trò của bạn không được làm bước này.', 'Your role does not allow this step.');
  const run = (action: WorkflowAction) => {
    setError(null);
    if (action === 'RETURN' || action === 'REFUSE' || action === 'SCHEDULE') setDialog(action);
    else step.mutate({ action });
  };
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Text size="sm">
            {label(KINDS, item.kind)} · {item.language === 'en' ? 'English' : 'Tiếng Việt'} · /{item.slug}
          </Text>
          <Title order={1}>{rev.title}</Title>
        </div>
        <Group>
          {item.working && <StatusBadge status={item.working.status} />}
          {item.live && !item.withdrawnAt && <StatusBadge status="PUBLISHED" />}
        </Group>
      </Group>
      {item.live && item.working && (
        <Alert color="blue" title={t('Bản đang đăng vẫn giữ nguyên', 'The live revision stays')}>
          {t(
            `Phiên bản ${item.live.number} vẫn hiển thị công khai cho tới khi phiên bản mới (${item.working.number}) được phê duyệt và đăng.`,
            `Revision ${item.live.number} stays public until the new revision (${item.working.number}) is approved and published.`,
          )}
        </Alert>
      )}
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t('Bước tiếp theo', 'Next steps')}
        </Title>
        <Group>
          {item.actions.length === 0 && (
            <Text>{t('Không có bước nào ở trạng thái này.', 'No step is possible in this state.')}</Text>
          )}
          {item.actions.map((a) => (
            <Stack key={a.action} gap={2}>
              <Button
                variant={a.allowed ? 'filled' : 'default'}
                disabled={!a.allowed}
                color={a.action === 'REFUSE' || a.action === 'WITHDRAW' ? 'red' : undefined}
                onClick={() => run(a.action)}
                loading={step.isPending && step.variables?.action === a.action}
                aria-describedby={!a.allowed || a.delegated ? `why-${a.action}` : undefined}
              >
                {label(ACTIONS, a.action)}
              </Button>
              {!a.allowed && (
                <Text size="xs" id={`why-${a.action}`} maw={260}>
                  {blockedText(a.blockedCode)}
                </Text>
              )}
              {a.allowed && a.action === 'APPROVE' && (
                <Text size="xs" id={`why-${a.action}`} maw={260}>
                  {a.delegated
                    ? t(
                        'Bạn phê duyệt theo ủy quyền của Trưởng ban (Phó trưởng ban, trong thời hạn ủy quyền).',
                        'You approve under the head’s delegation (deputy, inside the delegation window).',
                      )
                    : t('Bạn phê duyệt với tư cách Trưởng ban.', 'You approve as head of the board.')}
                </Text>
              )}
            </Stack>
          ))}
        </Group>
        {error && !dialog && (
          <Alert color="red" role="alert" mt="sm">
            {msg(error)}
          </Alert>
        )}
        <Group mt="md">
          <Button
            renderRoot={(p) => <Link {...p} to="/noi-dung/$id/sua" params={{ id }} />}
            variant="outline"
          >
            {item.working
              ? t('Sửa bài', 'Edit')
              : t('Sửa bài đang đăng (tạo bản mới)', 'Edit the live item (new revision)')}
          </Button>
          <Button
            renderRoot={(p) => <Link {...p} to="/noi-dung/$id/phien-ban" params={{ id }} />}
            variant="outline"
          >
            {t('Các phiên bản', 'Revisions')}
          </Button>
          {item.language === 'vi' && (
            <Button
              renderRoot={(p) => (
                <Link {...p} to="/noi-dung/moi" search={{ kind: item.kind, translationOf: item.id }} />
              )}
              variant="outline"
            >
              {t('Thêm bản tiếng Anh', 'Add the English version')}
            </Button>
          )}
        </Group>
      </Card>
      <MediaPanel item={item} />
      <GradePanel item={item} />
      {item.kind === 'LEGAL_DOCUMENT' && <LegalPanel itemId={item.id} />}
      <Tabs defaultValue="preview">
        <Tabs.List>
          <Tabs.Tab value="preview">{t('Xem trước', 'Preview')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('Lịch sử xử lý', 'History')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="preview" pt="md">
          <article aria-label={t('Xem trước như trang công khai', 'Preview as the public page')}>
            <Title order={2}>{rev.title}</Title>
            <Text size="sm">
              {fmtDateTime(item.publishedAt ?? rev.createdAt)} · {rev.authorName} · {t('Nguồn', 'Source')}:{' '}
              {rev.source}
            </Text>
            {rev.summary && (
              <Text fw={700} my="sm">
                {rev.summary}
              </Text>
            )}
            <Typography>
              {/* The body was sanitised by the server when it was saved. */}
              <div dangerouslySetInnerHTML={{ __html: withShownImages(rev.bodyHtml) }} />
            </Typography>
          </article>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <Table striped>
            <caption className="skip-link">{t('Lịch sử xử lý', 'History')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Thời điểm', 'When')}</Table.Th>
                <Table.Th>{t('Bước', 'Step')}</Table.Th>
                <Table.Th>{t('Người làm', 'Who')}</Table.Th>
                <Table.Th>{t('Ghi chú / lý do', 'Note / reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data!.contentHistory.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{fmtDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {label(ACTIONS, e.action)}
                    {e.delegated && ` (${t('theo ủy quyền', 'under delegation')})`}
                  </Table.Td>
                  <Table.Td>{actor(e.actorAccountId)}</Table.Td>
                  <Table.Td>
                    {[e.reason ? label(REASONS, e.reason) : null, e.note].filter(Boolean).join(' — ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        closeButtonProps={{ 'aria-label': t('Đóng', 'Close') }}
        title={dialog ? label(ACTIONS, dialog) : ''}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (dialog === 'SCHEDULE') {
              const at = vnLocalToIso(when);
              if (!at)
                return setError({
                  errorCode: 'REQUIRED',
                  field: 'publishAt',
                  messageVi: 'Chọn ngày giờ đăng.',
                  messageEn: 'Choose when to publish.',
                });
              step.mutate({ action: 'SCHEDULE', at });
            } else step.mutate({ action: dialog!, note: note || undefined, reason: reason || undefined });
          }}
        >
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {msg(error)}
              </Alert>
            )}
            {dialog === 'REFUSE' && (
              <NativeSelect
                label={t('Lý do từ chối', 'Reason for refusal')}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value as RefusalReason)}
                data={[
                  { value: '', label: t('— Chọn lý do —', '— Choose a reason —') },
                  ...Object.keys(REASONS).map((k) => ({ value: k, label: label(REASONS, k) })),
                ]}
              />
            )}
            {(dialog === 'RETURN' || dialog === 'REFUSE') && (
              <Textarea
                label={dialog === 'RETURN' ? t('Yêu cầu chỉnh sửa', 'What to change') : t('Ghi chú', 'Note')}
                required={dialog === 'RETURN'}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={3}
              />
            )}
            {dialog === 'SCHEDULE' && (
              <TextInput
                type="datetime-local"
                step={1}
                label={t('Đăng lúc (giờ Việt Nam, 24 giờ)', 'Publish at (Vietnam time, 24 h)')}
                required
                value={when}
                onChange={(e) => setWhen(e.currentTarget.value)}
              />
            )}
            <Group justify="end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('Hủy', 'Cancel')}
              </Button>
              <Button type="submit" loading={step.isPending}>
                {dialog ? label(ACTIONS, dialog) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
