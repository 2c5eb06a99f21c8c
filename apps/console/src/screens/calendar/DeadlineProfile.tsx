import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Blockquote,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import { PortalNameDoc, SetDeadlinePolicyDoc } from '../../api/calendar-documents';
import type { ApiError } from '../../api/session';
import type { ConsoleDeadlineProfileQuery } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { notify } from '../../ui/common';
import { ANCHORS, INFO_KINDS, ruleText } from './labels';

type Profile = ConsoleDeadlineProfileQuery;

/** The deadline profile this portal follows (its own, an ancestor's or the default), rule by rule with its article. */
export function DeadlineProfile({
  data,
  portalId,
  canEdit,
}: {
  data: Profile;
  portalId: string;
  canEdit: boolean;
}) {
  const { t, lang, msg } = useI18n();
  const label = useLabel();
  const client = useQueryClient();
  const p = data.deadlinePolicy;
  const from = useQuery({
    queryKey: ['portal-name', p.inheritedFrom],
    queryFn: () => gql(PortalNameDoc, { id: p.inheritedFrom! }),
    enabled: !!p.inheritedFrom && p.inheritedFrom !== portalId,
  });
  const [choice, setChoice] = useState(p.inheritedFrom === portalId ? p.key : '');
  const [error, setError] = useState<ApiError | null>(null);
  const assign = async () => {
    setError(null);
    try {
      const r = (await gql(SetDeadlinePolicyDoc, { tenantId: portalId, profileKey: choice || null }))
        .setDeadlinePolicy;
      if (r.__typename === 'InputError') return setError(r);
      notify(t('Đã lưu bộ quy định thời hạn.', 'Deadline profile saved.'));
      await Promise.all(
        ['deadline-profile', 'due', 'dashboard'].map((k) => client.invalidateQueries({ queryKey: [k] })),
      );
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    }
  };
  const where =
    p.inheritedFrom === null
      ? t(
          'mặc định của hệ thống (không cổng nào chọn bộ khác)',
          'the platform default (no portal chose another)',
        )
      : p.inheritedFrom === portalId
        ? t('được chọn cho chính cổng này', 'chosen for this portal itself')
        : t(
            `kế thừa từ ${from.data?.tenant?.name ?? '…'}`,
            `inherited from ${from.data?.tenant?.name ?? '…'}`,
          );
  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="profile-title">
        <Title order={2} size="h3" id="profile-title">
          {lang === 'en' ? (p.nameEn ?? p.nameVi) : p.nameVi}
        </Title>
        <Text mt={4}>
          {t('Văn bản', 'Document')}: {p.document}
        </Text>
        <Text size="sm">
          {t('Mã', 'Key')}: <code>{p.key}</code>
          {p.extends && ` · ${t('mở rộng', 'extends')} ${p.extends}`} · {where}
        </Text>
        {canEdit && (
          <Group align="flex-end" mt="sm">
            <NativeSelect
              label={t('Bộ quy định cho cổng này', 'Profile of this portal')}
              value={choice}
              onChange={(e) => setChoice(e.currentTarget.value)}
              data={[
                { value: '', label: t('— Theo cổng cấp trên —', '— Follow the portal above —') },
                ...data.deadlinePolicyProfiles.map((x) => ({
                  value: x.key,
                  label: `${lang === 'en' ? (x.nameEn ?? x.nameVi) : x.nameVi} (${x.key})`,
                })),
              ]}
            />
            <Button variant="outline" onClick={() => void assign()}>
              {t('Lưu', 'Save')}
            </Button>
          </Group>
        )}
        {error && (
          <Alert color="red" role="alert" mt="sm">
            {msg(error)}
          </Alert>
        )}
        <Text size="sm" c="dimmed" mt="xs">
          {t(
            'Hạn đã lưu của các tin bài được tính lại bằng lệnh portal deadlines reevaluate sau khi đổi bộ quy định hoặc lịch.',
            'Stored due dates are recomputed with portal deadlines reevaluate after a profile or the calendar changes.',
          )}
        </Text>
      </Card>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-labelledby="profile-title" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Thông tin, công việc', 'Information, step')}</Table.Th>
              <Table.Th>{t('Thời hạn', 'Deadline')}</Table.Th>
              <Table.Th>{t('Tính từ', 'Counted from')}</Table.Th>
              <Table.Th>{t('Điều khoản và trích dẫn', 'Article and quote')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.rules.map((r) => (
              <Table.Tr key={r.kind}>
                <Table.Td>{label(INFO_KINDS, r.kind)}</Table.Td>
                <Table.Td>{ruleText(r, lang !== 'en')}</Table.Td>
                <Table.Td>{label(ANCHORS, r.anchor)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={700}>
                    {r.article}
                    {/* The profile's own document is named above; an extended profile's is named here. */}
                    {r.document !== p.document && `, ${r.document}`}
                    {r.profileKey !== p.key && ` (${r.profileKey})`}
                  </Text>
                  {r.quote && (
                    <Blockquote p="xs" mt={4} color="gray" lang="vi">
                      {r.quote}
                    </Blockquote>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
