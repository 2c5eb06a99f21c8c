import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { gql, GqlError } from '../api/graphql';
import { DeclineSentInformationDoc, SentInformationDoc, TakeUpSentInformationDoc } from '../api/documents';
import type { ApiError } from '../api/session';
import { fmtDateTime, KINDS, useI18n, useLabel } from '../i18n';
import { ErrorBox, Loading, notify, usePageTitle } from '../ui/common';
import { useMe } from './me';

const STATES: Record<string, [string, string]> = {
  RECEIVED: ['Chờ tiếp nhận', 'Waiting'],
  TAKEN_UP: ['Đã nhận biên tập', 'Taken up'],
  DECLINED: ['Không sử dụng', 'Declined'],
};

/**
 * The intake queue (05/2024/QĐ-UBND art. 14.2): information sent in by organisations and people.
 * A writer takes one up (a draft is written from it and opened in the editor); the board declines
 * one with the reason its sender reads.
 */
export function Intake() {
  const { t, msg } = useI18n();
  const label = useLabel();
  usePageTitle(t('Thông tin gửi đến', 'Information sent in'));
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [status, setStatus] = useState('RECEIVED');
  const [kind, setKind] = useState('NEWS');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const list = useQuery({
    queryKey: ['sentInformation', status],
    queryFn: () => gql(SentInformationDoc, { status: (status || null) as never }),
  });
  const board = me.has('BOARD_HEAD', 'BOARD_DEPUTY', 'BOARD_MEMBER');
  const writer = board || me.has('CONTRIBUTOR', 'UNIT_LEADER');
  const run = async (work: () => Promise<ApiError | null>, done: string) => {
    setError(null);
    try {
      const refused = await work();
      if (refused) return setError(refused);
      notify(done);
      await client.invalidateQueries({ queryKey: ['sentInformation'] });
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    }
  };
  const rows = list.data?.sentInformation.nodes ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Thông tin gửi đến', 'Information sent in')}</Title>
      <Group align="end">
        <NativeSelect
          label={t('Tình trạng', 'State')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('Tất cả', 'All') },
            ...Object.keys(STATES).map((k) => ({ value: k, label: label(STATES, k) })),
          ]}
        />
        {writer && (
          <NativeSelect
            label={t('Loại bài khi nhận biên tập', 'Kind of the draft')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={['NEWS', 'ANNOUNCEMENT', 'GENERIC_PAGE'].map((k) => ({ value: k, label: label(KINDS, k) }))}
          />
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" title={t('Không thực hiện được', 'Not done')}>
          {msg(error)}
        </Alert>
      )}
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text>{t('Không có thông tin nào.', 'Nothing here.')}</Text>
      ) : (
        rows.map((r) => (
          <Card key={r.id} withBorder component="section" aria-labelledby={`h-${r.id}`}>
            <Title order={2} size="h4" id={`h-${r.id}`}>
              {r.title}
            </Title>
            <Text size="sm">
              {[r.senderName, r.position, r.organisation].filter(Boolean).join(', ')} ·{' '}
              {[r.email, r.phone, r.address].filter(Boolean).join(' · ')}
            </Text>
            <Text size="sm">
              {r.trackingCode} · {fmtDateTime(r.receivedAt)} · {label(STATES, r.status)}
              {r.file
                ? ` · ${t('Tệp', 'File')}: ${r.file.fileName} (${Math.ceil(r.file.size / 1024)} KB)`
                : ''}
            </Text>
            <Text mt="xs" style={{ whiteSpace: 'pre-line' }}>
              {r.body}
            </Text>
            {r.declineReason && (
              <Text mt="xs">
                {t('Lý do không sử dụng', 'Reason')}: {r.declineReason}
              </Text>
            )}
            {r.status === 'RECEIVED' && (
              <Group mt="sm" align="end">
                {writer && (
                  <Button
                    onClick={() =>
                      void run(
                        async () => {
                          const out = (
                            await gql(TakeUpSentInformationDoc, { id: r.id, input: { kind: kind as never } })
                          ).takeUpSentInformation;
                          if (out.__typename === 'InputError') return out;
                          if (out.itemId)
                            void navigate({ to: '/noi-dung/$id/sua', params: { id: out.itemId } });
                          return null;
                        },
                        t('Đã tạo bản nháp từ thông tin này.', 'A draft was written from it.'),
                      )
                    }
                  >
                    {t('Nhận biên tập', 'Take up')}
                  </Button>
                )}
                {board && (
                  <>
                    <TextInput
                      label={t('Lý do không sử dụng', 'Reason for declining')}
                      value={reasons[r.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [r.id]: e.currentTarget.value })}
                    />
                    <Button
                      variant="outline"
                      color="red"
                      onClick={() =>
                        void run(
                          async () => {
                            const out = (
                              await gql(DeclineSentInformationDoc, { id: r.id, reason: reasons[r.id] ?? '' })
                            ).declineSentInformation;
                            return out.__typename === 'InputError' ? out : null;
                          },
                          t('Đã ghi không sử dụng.', 'Declined.'),
                        )
                      }
                    >
                      {t('Không sử dụng', 'Decline')}
                    </Button>
                  </>
                )}
              </Group>
            )}
          </Card>
        ))
      )}
    </Stack>
  );
}
