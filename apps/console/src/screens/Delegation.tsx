import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { gql, GqlError } from '../api/graphql';
import { DelegateDoc, DelegationsDoc, DeputiesDoc } from '../api/documents';
import type { ApiError } from '../api/session';
import type { DelegationStatus } from '../gql/graphql';
import { fmtDateTime, useI18n, vnLocalToIso } from '../i18n';
import { Loading, usePageTitle } from '../ui/common';
import { Refused } from '../ui/refused';
import { useMe } from './me';

/** The head lets a deputy approve for a window (38a/QĐ-STTTT art. 6.3). */
export function Delegation() {
  const { t, msg } = useI18n();
  usePageTitle(t('Ủy quyền phê duyệt', 'Delegate approval'));
  const me = useMe();
  const tenantId = me.data?.portal.id;
  const deputies = useQuery({
    queryKey: ['deputies', tenantId],
    queryFn: () => gql(DeputiesDoc),
    enabled: !!tenantId,
    retry: false,
  });
  const delegations = useQuery({
    queryKey: ['delegations', tenantId],
    queryFn: () => gql(DelegationsDoc),
    enabled: !!tenantId,
  });
  const queryClient = useQueryClient();
  const [deputy, setDeputy] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (deputies.error)
    return <Refused title={t('Ủy quyền phê duyệt', 'Delegate approval')} error={deputies.error} />;
  if (!me.data || deputies.isLoading) return <Loading />;
  const list = deputies.data?.boardDeputies ?? [];
  const submit = async () => {
    setError(null);
    setDone(null);
    const validFrom = vnLocalToIso(from);
    const validTo = vnLocalToIso(to);
    if (!deputy || !validFrom || !validTo)
      return setError({
        errorCode: 'REQUIRED',
        messageVi: 'Chọn người được ủy quyền và thời hạn.',
        messageEn: 'Choose the deputy and the window.',
      });
    try {
      const r = (
        await gql(DelegateDoc, {
          input: { tenantId: tenantId!, deputyAccountId: deputy, validFrom, validTo },
        })
      ).delegateApproval;
      if (r.__typename === 'InputError') return setError(r);
      void queryClient.invalidateQueries({ queryKey: ['delegations', tenantId] });
      setDone(
        t(
          `Đã ủy quyền từ ${fmtDateTime(r.validFrom)} đến ${fmtDateTime(r.validTo)}.`,
          `Delegated from ${fmtDateTime(r.validFrom)} to ${fmtDateTime(r.validTo)}.`,
        ),
      );
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={520}>
        <Title order={1}>{t('Ủy quyền phê duyệt', 'Delegate approval')}</Title>
        <Text>
          {t(
            'Trưởng ban cho Phó trưởng ban phê duyệt thay trong một khoảng thời gian.',
            'The head lets a deputy approve for a period.',
          )}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {msg(error)}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        <NativeSelect
          label={t('Phó trưởng ban', 'Deputy head')}
          value={deputy}
          onChange={(e) => setDeputy(e.currentTarget.value)}
          data={[
            { value: '', label: t('— Chọn —', '— Choose —') },
            ...list.map((a) => ({ value: a.accountId, label: `${a.displayName} (${a.username})` })),
          ]}
        />
        <TextInput
          type="datetime-local"
          label={t('Từ (giờ Việt Nam)', 'From (Vietnam time)')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('Đến (giờ Việt Nam)', 'To (Vietnam time)')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <Button type="submit">{t('Ủy quyền', 'Delegate')}</Button>
      </Stack>
      <DelegationList rows={delegations.data?.approvalDelegations ?? null} />
    </form>
  );
}

const STATUS: Record<DelegationStatus, { vi: string; en: string; color: string }> = {
  // Dark enough for white text (WCAG AA), as the content states' badges.
  UPCOMING: { vi: 'Chưa bắt đầu', en: 'Not begun', color: '#1864ab' },
  ACTIVE: { vi: 'Đang hiệu lực', en: 'In force', color: '#1f6f2e' },
  ENDED: { vi: 'Đã hết hạn', en: 'Ended', color: '#495057' },
  REVOKED: { vi: 'Đã thu hồi', en: 'Revoked', color: '#c92a2a' },
};

interface DelegationRow {
  id: string;
  headName: string;
  deputyName: string;
  validFrom: string;
  validTo: string;
  status: DelegationStatus;
}

/** The portal's delegations, newest window first: who delegated, to whom, the window, where it stands. */
function DelegationList({ rows }: { rows: DelegationRow[] | null }) {
  const { t } = useI18n();
  return (
    <Stack mt="xl">
      <Title order={2}>{t('Các lần ủy quyền', 'Delegations')}</Title>
      {rows === null ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text>{t('Chưa có lần ủy quyền nào.', 'No delegation yet.')}</Text>
      ) : (
        <Table striped>
          <caption className="skip-link">{t('Các lần ủy quyền phê duyệt', 'Approval delegations')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Người ủy quyền', 'Delegated by')}</Table.Th>
              <Table.Th>{t('Người được ủy quyền', 'Deputy')}</Table.Th>
              <Table.Th>{t('Từ', 'From')}</Table.Th>
              <Table.Th>{t('Đến', 'To')}</Table.Th>
              <Table.Th>{t('Trạng thái', 'Status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-delegation={d.id}>
                <Table.Td>{d.headName}</Table.Td>
                <Table.Td>{d.deputyName}</Table.Td>
                <Table.Td>{fmtDateTime(d.validFrom)}</Table.Td>
                <Table.Td>{fmtDateTime(d.validTo)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS[d.status].color} variant="filled" radius="sm" tt="none">
                    {t(STATUS[d.status].vi, STATUS[d.status].en)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
