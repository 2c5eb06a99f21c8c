import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Button,
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
import { AcceptDoc, DropDoc, InboxDoc, RefuseSyndicationDoc } from '../../api/federation-documents';
import type { ConsoleInboxQuery, SyndicationState } from '../../gql/graphql';
import { fmtDateTime, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { categoryName, DIRECTIONS, StateBadge, SYNDICATION_STATES, useAction } from './shared';

type Entry = ConsoleInboxQuery['receivedSyndications'][number];
type Categories = ConsoleInboxQuery['categories'];

/** The receiving board's inbox: proposals from portals below, accepted copies, decisions made. */
export function Inbox() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Hộp thư liên thông', 'Federation inbox'));
  const [state, setState] = useState<SyndicationState>('PROPOSED');
  const inbox = useQuery({ queryKey: ['inbox', state], queryFn: () => gql(InboxDoc, { state }) });
  return (
    <Stack>
      <Title order={1}>{t('Hộp thư liên thông', 'Federation inbox')}</Title>
      <Text>
        {t(
          'Bài các cổng cấp dưới đề xuất đăng trên cổng này. Nhận đăng vào một chuyên mục (có thể đặt tiêu đề, tóm tắt riêng), từ chối kèm lý do, hoặc gỡ bài đã nhận.',
          'Items portals below propose for this portal. Accept into a category (optionally with your own title and summary), refuse with a reason, or drop an accepted one.',
        )}
      </Text>
      <NativeSelect
        label={t('Trạng thái', 'State')}
        value={state}
        onChange={(e) => setState(e.currentTarget.value as SyndicationState)}
        data={['PROPOSED', 'ACCEPTED', 'REFUSED', 'DROPPED', 'RETRACTED', 'WITHDRAWN'].map((s) => ({
          value: s,
          label: label(SYNDICATION_STATES, s),
        }))}
        maw={320}
      />
      {inbox.isLoading && <Loading />}
      <ErrorBox error={inbox.error} />
      {inbox.data && inbox.data.receivedSyndications.length === 0 && (
        <Text>{t('Không có bài nào.', 'Nothing here.')}</Text>
      )}
      {inbox.data?.receivedSyndications.map((s) => (
        <Proposal key={s.id} entry={s} categories={inbox.data!.categories} />
      ))}
    </Stack>
  );
}

function Proposal({ entry: s, categories }: { entry: Entry; categories: Categories }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const act = useAction();
  const [categoryId, setCategoryId] = useState(s.categoryId ?? '');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const headingId = `synd-${s.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            {s.titleOverride ?? s.itemTitle ?? '—'}
          </Title>
          <StateBadge state={s.state} />
        </Group>
        <Text size="sm">
          {label(DIRECTIONS, s.direction)} · {t('Từ', 'From')} {s.sourcePortal?.nameVi ?? '—'} ·{' '}
          {fmtDateTime(s.proposedAt)}
          {s.ruleId ? ` · ${t('nhận tự động theo quy tắc', 'accepted by a rule')}` : ''}
        </Text>
        {s.note && (
          <Text size="sm">
            {t('Ghi chú', 'Note')}: {s.note}
          </Text>
        )}
        {s.reason && (
          <Text size="sm">
            {t('Lý do', 'Reason')}: {s.reason}
          </Text>
        )}
        {s.state === 'ACCEPTED' && (
          <Text size="sm">
            {t('Chuyên mục', 'Category')}: {categoryName(lang, categories, s.categoryId)}
            {s.slug && (
              <>
                {' · '}
                <Anchor href={`/bai-viet/${s.slug}`}>{t('Xem trên cổng', 'View on the portal')}</Anchor>
              </>
            )}
          </Text>
        )}
        {act.alert}
        {s.state === 'PROPOSED' && (
          <>
            <NativeSelect
              label={t('Chuyên mục đăng', 'Category')}
              value={categoryId}
              onChange={(e) => setCategoryId(e.currentTarget.value)}
              data={[
                { value: '', label: t('— Theo loại bài —', '— By the item’s kind —') },
                ...categories.map((c) => ({ value: c.id, label: categoryName(lang, categories, c.id) })),
              ]}
              error={act.fieldError('categoryId')}
            />
            <TextInput
              label={t('Tiêu đề hiển thị (không bắt buộc)', 'Title shown (optional)')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={act.fieldError('titleOverride')}
            />
            <Textarea
              label={t('Tóm tắt hiển thị (không bắt buộc)', 'Summary shown (optional)')}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={act.fieldError('summaryOverride')}
            />
            <Group>
              <Button
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () =>
                      (
                        await gql(AcceptDoc, {
                          input: {
                            id: s.id,
                            categoryId: categoryId || null,
                            titleOverride: title || null,
                            summaryOverride: summary || null,
                          },
                        })
                      ).acceptSyndication,
                    t('Đã nhận đăng.', 'Accepted.'),
                    ['inbox'],
                  )
                }
              >
                {t('Nhận đăng', 'Accept')}
              </Button>
            </Group>
            <TextInput
              label={t('Lý do từ chối', 'Reason for refusing')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={act.fieldError('reason')}
            />
            <Group>
              <Button
                color="red.9"
                variant="outline"
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () => (await gql(RefuseSyndicationDoc, { id: s.id, reason })).refuseSyndication,
                    t('Đã từ chối.', 'Refused.'),
                    ['inbox'],
                  )
                }
              >
                {t('Từ chối', 'Refuse')}
              </Button>
            </Group>
          </>
        )}
        {s.state === 'ACCEPTED' && (
          <>
            <TextInput
              label={t('Lý do gỡ', 'Reason for dropping')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={act.fieldError('reason')}
            />
            <Group>
              <Button
                color="red.9"
                variant="outline"
                loading={act.busy}
                onClick={() =>
                  void act.run(
                    async () => (await gql(DropDoc, { id: s.id, reason: reason || null })).dropSyndication,
                    t('Đã gỡ khỏi cổng.', 'Dropped.'),
                    ['inbox'],
                  )
                }
              >
                {t('Gỡ khỏi cổng', 'Drop')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
