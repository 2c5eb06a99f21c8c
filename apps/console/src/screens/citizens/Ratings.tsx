import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { RatingsDoc } from '../../api/citizens-documents';
import type { RatingPeriod } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The portal's ratings per month, quarter or year (Vietnam time), on its four criteria. */
export function Ratings() {
  const { t, lang } = useI18n();
  usePageTitle(t('Đánh giá của người dân', 'Ratings'));
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today());
  const [period, setPeriod] = useState<RatingPeriod>('MONTH');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const q = useQuery({
    queryKey: ['ratings', from, to, period],
    queryFn: () => gql(RatingsDoc, { from, to, period }),
    enabled: valid,
  });
  const n = (v: number | null | undefined) =>
    v == null ? '—' : v.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 });
  return (
    <Stack>
      <Title order={1}>{t('Đánh giá của người dân', 'Ratings')}</Title>
      <Group align="end">
        <TextInput
          type="date"
          label={t('Từ ngày', 'From')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('Đến ngày', 'To')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('Theo', 'By')}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value as RatingPeriod)}
          data={[
            { value: 'MONTH', label: t('Tháng', 'Month') },
            { value: 'QUARTER', label: t('Quý', 'Quarter') },
            { value: 'YEAR', label: t('Năm', 'Year') },
          ]}
        />
      </Group>
      {q.isLoading && <Loading />}
      <ErrorBox error={q.error} />
      {q.data && q.data.portalRatings.length === 0 && <Text>{t('Chưa có đánh giá.', 'No ratings.')}</Text>}
      {q.data && q.data.portalRatings.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Kỳ', 'Period')}</Table.Th>
              <Table.Th>{t('Số lượt', 'Ratings')}</Table.Th>
              <Table.Th>{t('Chung', 'Overall')}</Table.Th>
              <Table.Th>{t('Giao diện', 'Interface')}</Table.Th>
              <Table.Th>{t('Nội dung thông tin', 'Content')}</Table.Th>
              <Table.Th>{t('Chất lượng dịch vụ', 'Service quality')}</Table.Th>
              <Table.Th>{t('Hỗ trợ người dùng', 'User support')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.portalRatings.map((b) => (
              <Table.Tr key={b.periodStart}>
                <Table.Td>{b.label}</Table.Td>
                <Table.Td>{b.count}</Table.Td>
                <Table.Td>{n(b.overall)}</Table.Td>
                <Table.Td>{n(b.averages?.interface)}</Table.Td>
                <Table.Td>{n(b.averages?.content)}</Table.Td>
                <Table.Td>{n(b.averages?.quality)}</Table.Td>
                <Table.Td>{n(b.averages?.support)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
