import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import {
  CommentQueueDoc,
  ConsultationDoc,
  DraftDocumentsDoc,
  ModerateCommentDoc,
  SummaryDoc,
} from '../../api/citizens-documents';
import type { ConsoleCommentQueueQuery, DraftCommentState } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { useAction } from '../federation/shared';
import { COMMENT_STATES, CONSULTATION_STATUS } from './labels';

type Comment = ConsoleCommentQueueQuery['draftCommentQueue']['nodes'][number];

/**
 * Comments on draft documents: the board publishes or rejects each one (with a reason); after a
 * consultation closes, the board writes the summary of what was received and taken into account.
 */
export function Consultations() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Lấy ý kiến dự thảo', 'Consultations'));
  const [state, setState] = useState<DraftCommentState>('PENDING');
  const comments = useQuery({
    queryKey: ['comment-queue', state],
    queryFn: () => gql(CommentQueueDoc, { filter: { state, first: 100 } }),
  });
  const drafts = useQuery({ queryKey: ['draft-documents'], queryFn: () => gql(DraftDocumentsDoc) });
  const titleOf = (itemId: string) =>
    drafts.data?.contentItems.nodes.find((d) => d.id === itemId)?.title ?? '—';
  return (
    <Stack>
      <Title order={1}>{t('Lấy ý kiến dự thảo', 'Consultations')}</Title>
      <Stack component="section" aria-labelledby="comments-title">
        <Title order={2} size="h3" id="comments-title">
          {t('Ý kiến góp ý', 'Comments')}
        </Title>
        <NativeSelect
          label={t('Trạng thái', 'State')}
          value={state}
          onChange={(e) => setState(e.currentTarget.value as DraftCommentState)}
          data={Object.keys(COMMENT_STATES).map((s) => ({ value: s, label: label(COMMENT_STATES, s) }))}
          maw={320}
        />
        {comments.isLoading && <Loading />}
        <ErrorBox error={comments.error} />
        {comments.data?.draftCommentQueue.nodes.length === 0 && (
          <Text>{t('Không có ý kiến nào.', 'No comments.')}</Text>
        )}
        {comments.data?.draftCommentQueue.nodes.map((c) => (
          <CommentCard key={c.id} comment={c} draftTitle={titleOf(c.itemId)} />
        ))}
      </Stack>
      <Stack component="section" aria-labelledby="drafts-title">
        <Title order={2} size="h3" id="drafts-title">
          {t('Dự thảo và kết quả tổng hợp', 'Drafts and their summaries')}
        </Title>
        {drafts.isLoading && <Loading />}
        <ErrorBox error={drafts.error} />
        {drafts.data?.contentItems.nodes.length === 0 && (
          <Text>{t('Chưa có dự thảo nào được đăng.', 'No draft published.')}</Text>
        )}
        {drafts.data?.contentItems.nodes.map((d) => (
          <ConsultationCard key={d.id} itemId={d.id} />
        ))}
      </Stack>
    </Stack>
  );
}

function CommentCard({ comment: c, draftTitle }: { comment: Comment; draftTitle: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const act = useAction();
  const [reason, setReason] = useState('');
  const moderate = (action: 'PUBLISH' | 'REJECT') =>
    act.run(
      async () =>
        (await gql(ModerateCommentDoc, { input: { id: c.id, action, reason: reason || null } }))
          .moderateDraftComment,
      action === 'PUBLISH'
        ? t('Đã đăng ý kiến.', 'Comment published.')
        : t('Đã không đăng ý kiến.', 'Comment rejected.'),
      ['comment-queue', 'consultation'],
    );
  const headingId = `comment-${c.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {c.name}
          {c.organisation ? ` (${c.organisation})` : ''} — {draftTitle}
        </Title>
        <Text size="sm">
          {c.email} · {fmtDateTime(c.createdAt)} · {label(COMMENT_STATES, c.state)}
          {c.reason ? ` · ${t('Lý do', 'Reason')}: ${c.reason}` : ''}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{c.text}</Text>
        {act.alert}
        {c.state === 'PENDING' && (
          <Group align="end">
            <Button loading={act.busy} onClick={() => void moderate('PUBLISH')}>
              {t('Đăng ý kiến', 'Publish')}
            </Button>
            <TextInput
              label={t('Lý do không đăng', 'Reason for rejecting')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={act.fieldError('reason')}
            />
            <Button
              color="red.9"
              variant="outline"
              loading={act.busy}
              onClick={() => void moderate('REJECT')}
            >
              {t('Không đăng', 'Reject')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function ConsultationCard({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const act = useAction();
  const q = useQuery({ queryKey: ['consultation', itemId], queryFn: () => gql(ConsultationDoc, { itemId }) });
  const [summary, setSummary] = useState<string | null>(null);
  const c = q.data?.consultation;
  if (!c) return null;
  const headingId = `consultation-${itemId}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {c.title}
        </Title>
        <Text size="sm">
          {label(CONSULTATION_STATUS, c.status)} · {fmtDateTime(c.opensAt)} – {fmtDateTime(c.closesAt)} ·{' '}
          {t(
            `${c.received} ý kiến, ${c.published} đã đăng`,
            `${c.received} comments, ${c.published} published`,
          )}
        </Text>
        {c.summaryHtml && (
          <Text size="sm">
            {t('Đã công bố kết quả lúc', 'Summary published')} {fmtDateTime(c.summaryPublishedAt)}
          </Text>
        )}
        {c.status === 'CLOSED' && (
          <>
            {act.alert}
            <Textarea
              autosize
              minRows={4}
              label={t('Kết quả tổng hợp, tiếp thu ý kiến (HTML)', 'Summary of the comments (HTML)')}
              value={summary ?? c.summaryHtml ?? ''}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={act.fieldError('summaryHtml')}
            />
            <Group>
              <Button
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () =>
                      (await gql(SummaryDoc, { itemId, summaryHtml: summary ?? c.summaryHtml ?? '' }))
                        .publishConsultationSummary,
                    t('Đã công bố kết quả tổng hợp.', 'Summary published.'),
                    ['consultation'],
                  )
                }
              >
                {t('Công bố kết quả', 'Publish the summary')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
