import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import {
  AccountsDoc,
  GrantableRolesDoc,
  PortalChoicesDoc,
  PortalTreeDoc,
  ReactivateAccountDoc,
  RevokeRoleDoc,
  RoleAssignmentsDoc,
  SuspendAccountDoc,
} from '../../api/admin-documents';
import type { ApiError } from '../../api/session';
import { fmtDate, fmtDateTime, ROLES, useI18n, useLabel } from '../../i18n';
import { Loading, notify, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { ACCOUNT_STATUS, SCOPES } from './labels';
import { thrown } from './form-errors';
import { CreateAccountForm } from './CreateAccountForm';
import { GrantForm } from './GrantForm';

/** The portals whose accounts this person may look at: the tree they administer, or this portal and its children. */
function usePortalChoices() {
  const tree = useQuery({ queryKey: ['portal-tree'], queryFn: () => gql(PortalTreeDoc), retry: false });
  const here = useQuery({ queryKey: ['portal-choices'], queryFn: () => gql(PortalChoicesDoc) });
  if (tree.data)
    return tree.data.portalTree
      .filter((n) => n.status === 'ACTIVE' || n.status === 'SUSPENDED')
      .map((n) => ({ id: n.id, label: `${'— '.repeat(n.depth)}${n.nameVi} (${n.primaryHost})` }));
  if (!here.data || tree.isLoading) return null;
  const p = here.data.portal;
  return [p, ...p.children].map((n, i) => ({
    id: n.id,
    label: `${i ? '— ' : ''}${n.nameVi} (${n.primaryHost})`,
  }));
}

/** Accounts and roles of a portal (confidential: operators, managing agencies, owners). */
export function Accounts() {
  const { t, msg } = useI18n();
  const label = useLabel();
  const title = t('Tài khoản và vai trò', 'Accounts and roles');
  usePageTitle(title);
  const choices = usePortalChoices();
  const [chosen, setChosen] = useState('');
  const tenantId = chosen || choices?.[0]?.id || '';
  const accounts = useInfiniteQuery({
    queryKey: ['accounts', tenantId],
    queryFn: ({ pageParam }) => gql(AccountsDoc, { filter: { tenantId, first: 50, after: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.accounts.pageInfo.hasNextPage ? last.accounts.pageInfo.endCursor : null,
    enabled: !!tenantId,
    retry: false,
  });
  const roles = useQuery({
    queryKey: ['role-assignments', tenantId],
    queryFn: () => gql(RoleAssignmentsDoc, { filter: { tenantId } }),
    enabled: !!tenantId && !accounts.error,
    retry: false,
  });
  const grantable = useQuery({ queryKey: ['grantable-roles'], queryFn: () => gql(GrantableRolesDoc) });
  const [suspending, setSuspending] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!choices || accounts.isLoading) return <Loading />;
  if (accounts.error) return <Refused title={title} error={accounts.error} />;
  const list = accounts.data?.pages.flatMap((p) => p.accounts.nodes) ?? [];
  const names = new Map(list.map((a) => [a.id, `${a.displayName} (${a.username})`]));
  const mayGrant = (grantable.data?.grantableRoles ?? []).filter((g) => g.tenantId === tenantId);
  const refresh = () => {
    void accounts.refetch();
    void roles.refetch();
  };

  const suspend = async (accountId: string) => {
    setError(null);
    try {
      const r = (await gql(SuspendAccountDoc, { accountId, reason: reason.trim() || null })).suspendAccount;
      if (r.__typename === 'InputError') return setError(r);
      const who = names.get(accountId) ?? accountId;
      setNotice(
        t(
          `Đã khóa ${who} lúc ${fmtDateTime(r.suspendedAt)}; ${r.sessionsRevoked ?? 0} phiên đăng nhập đã bị thu hồi ngay.`,
          `${who} suspended at ${fmtDateTime(r.suspendedAt)}; ${r.sessionsRevoked ?? 0} session(s) revoked at once.`,
        ),
      );
      setSuspending(null);
      setReason('');
      refresh();
    } catch (e) {
      setError(thrown(e));
    }
  };
  const reactivate = async (accountId: string) => {
    setError(null);
    try {
      const r = (await gql(ReactivateAccountDoc, { accountId })).reactivateAccount;
      if (r.__typename === 'InputError') return setError(r);
      setNotice(t(`Đã mở khóa ${names.get(accountId)}.`, `${names.get(accountId)} reactivated.`));
      refresh();
    } catch (e) {
      setError(thrown(e));
    }
  };
  const revoke = async (assignmentId: string) => {
    setError(null);
    try {
      const r = (await gql(RevokeRoleDoc, { assignmentId })).revokeRole;
      if (r.__typename === 'InputError') return setError(r);
      notify(t('Đã thu hồi vai trò.', 'Role revoked.'));
      refresh();
    } catch (e) {
      setError(thrown(e));
    }
  };

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <NativeSelect
        label={t('Cổng', 'Portal')}
        maw={520}
        value={tenantId}
        onChange={(e) => {
          setChosen(e.currentTarget.value);
          setNotice(null);
          setError(null);
        }}
        data={choices.map((c) => ({ value: c.id, label: c.label }))}
      />
      {error && (
        <Alert color="red" role="alert">
          {msg(error)}
        </Alert>
      )}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <Title order={2} size="h3">
        {t('Tài khoản', 'Accounts')}
      </Title>
      <Table striped withTableBorder aria-label={t('Tài khoản', 'Accounts')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Tên đăng nhập', 'Username')}</Table.Th>
            <Table.Th>{t('Họ và tên', 'Name')}</Table.Th>
            <Table.Th>{t('Thư điện tử', 'Email')}</Table.Th>
            <Table.Th>{t('Trạng thái', 'Status')}</Table.Th>
            <Table.Th>{t('Thao tác', 'Actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((a) => (
            <Table.Tr key={a.id} data-username={a.username}>
              <Table.Td>{a.username}</Table.Td>
              <Table.Td>{a.displayName}</Table.Td>
              <Table.Td>{a.email ?? '—'}</Table.Td>
              <Table.Td>
                <Badge
                  color={a.status === 'ACTIVE' ? '#1f6f2e' : '#c92a2a'}
                  variant="filled"
                  radius="sm"
                  tt="none"
                >
                  {label(ACCOUNT_STATUS, a.status)}
                </Badge>
                {a.suspendedAt && <Text size="xs">{fmtDateTime(a.suspendedAt)}</Text>}
              </Table.Td>
              <Table.Td>
                {a.status === 'ACTIVE' && suspending !== a.id && (
                  <Button size="xs" variant="outline" color="red.9" onClick={() => setSuspending(a.id)}>
                    {t(`Khóa ${a.username}`, `Suspend ${a.username}`)}
                  </Button>
                )}
                {suspending === a.id && (
                  <Group gap="xs" align="end">
                    <TextInput
                      size="xs"
                      label={t('Lý do khóa', 'Reason')}
                      value={reason}
                      onChange={(e) => setReason(e.currentTarget.value)}
                    />
                    <Button size="xs" color="red.9" onClick={() => void suspend(a.id)}>
                      {t('Xác nhận khóa', 'Confirm suspension')}
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => setSuspending(null)}>
                      {t('Hủy', 'Cancel')}
                    </Button>
                  </Group>
                )}
                {a.status === 'SUSPENDED' && (
                  <Button size="xs" variant="outline" onClick={() => void reactivate(a.id)}>
                    {t(`Mở khóa ${a.username}`, `Reactivate ${a.username}`)}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.length === 0 && (
        <Text size="sm">{t('Cổng này chưa có tài khoản.', 'No accounts on this portal yet.')}</Text>
      )}
      {accounts.hasNextPage && (
        <Button variant="outline" w="fit-content" onClick={() => void accounts.fetchNextPage()}>
          {t('Xem thêm', 'Load more')}
        </Button>
      )}
      <Title order={2} size="h3">
        {t('Vai trò trên cổng này', 'Roles on this portal')}
      </Title>
      {roles.error && (
        <Alert color="red" role="alert">
          {roles.error instanceof GqlError ? msg(roles.error.error) : ''}
        </Alert>
      )}
      <Table striped withTableBorder aria-label={t('Vai trò trên cổng này', 'Roles on this portal')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Tài khoản', 'Account')}</Table.Th>
            <Table.Th>{t('Vai trò', 'Role')}</Table.Th>
            <Table.Th>{t('Phạm vi', 'Scope')}</Table.Th>
            <Table.Th>{t('Lĩnh vực', 'Fields')}</Table.Th>
            <Table.Th>{t('Hiệu lực', 'Valid')}</Table.Th>
            <Table.Th>{t('Thao tác', 'Actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(roles.data?.roleAssignments ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{names.get(r.accountId) ?? r.accountId.slice(0, 8)}</Table.Td>
              <Table.Td>{label(ROLES, r.role)}</Table.Td>
              <Table.Td>{label(SCOPES, r.scope)}</Table.Td>
              <Table.Td>{r.fields.length ? r.fields.join(', ') : t('Tất cả', 'All')}</Table.Td>
              <Table.Td>
                {fmtDate(r.validFrom)} – {r.validTo ? fmtDate(r.validTo) : t('không thời hạn', 'open-ended')}
              </Table.Td>
              <Table.Td>
                {mayGrant.some((g) => g.role === r.role && g.scope === r.scope) && (
                  <Button size="xs" variant="outline" color="red.9" onClick={() => void revoke(r.id)}>
                    {t('Thu hồi', 'Revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {grantable.data && (
        <GrantForm tenantId={tenantId} accounts={list} grantable={mayGrant} onDone={refresh} />
      )}
      {mayGrant.length > 0 && <CreateAccountForm tenantId={tenantId} onDone={refresh} />}
    </Stack>
  );
}
