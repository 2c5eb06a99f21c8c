import { useState } from 'react';
import { Alert, Button, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { GrantRoleDoc } from '../../api/admin-documents';
import type { Role, RoleScope } from '../../gql/graphql';
import type { ApiError } from '../../api/session';
import { ROLES, useI18n, useLabel } from '../../i18n';
import { notify } from '../../ui/common';
import { SCOPES } from './labels';
import { fieldError, formError, thrown } from './form-errors';

const FIELDS = ['accountId', 'role', 'scope', 'fields', 'validFrom', 'validTo'];

/** A day (YYYY-MM-DD) at 00:00 Vietnam time, as an instant. */
const vnDay = (day: string) => (day ? new Date(`${day}T00:00:00+07:00`).toISOString() : null);

/** Grant a role on the chosen portal: only the roles and scopes the server says this person may grant. */
export function GrantForm({
  tenantId,
  accounts,
  grantable,
  onDone,
}: {
  tenantId: string;
  accounts: Array<{ id: string; username: string; displayName: string; status: string }>;
  grantable: Array<{ role: Role; scope: RoleScope }>;
  onDone: () => void;
}) {
  const { t, msg } = useI18n();
  const label = useLabel();
  const roles = [...new Set(grantable.map((g) => g.role))];
  const [accountId, setAccountId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [scope, setScope] = useState<RoleScope>('TENANT');
  const [fields, setFields] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenRole = role && roles.includes(role) ? role : (roles[0] ?? '');
  const scopes = grantable.filter((g) => g.role === chosenRole).map((g) => g.scope);
  const chosenScope = scopes.includes(scope) ? scope : (scopes[0] ?? 'TENANT');
  if (roles.length === 0)
    return (
      <Text size="sm" role="status">
        {t('Bạn không được cấp vai trò nào trên cổng này.', 'You may not grant any role on this portal.')}
      </Text>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = (
        await gql(GrantRoleDoc, {
          input: {
            tenantId,
            accountId,
            role: chosenRole as Role,
            scope: chosenScope,
            fields: fields
              .split(',')
              .map((f) => f.normalize('NFC').trim())
              .filter(Boolean),
            validFrom: vnDay(validFrom),
            validTo: vnDay(validTo),
          },
        })
      ).grantRole;
      if (r.__typename === 'InputError') setError(r);
      else {
        const who = accounts.find((a) => a.id === accountId)?.username ?? '';
        notify(
          t(
            `Đã cấp vai trò ${label(ROLES, r.role)} cho ${who}.`,
            `${label(ROLES, r.role)} granted to ${who}.`,
          ),
        );
        setFields('');
        setValidFrom('');
        setValidTo('');
        onDone();
      }
    } catch (e) {
      setError(thrown(e));
    }
    setBusy(false);
  };
  const summary = formError(error, FIELDS);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={720}>
        <Title order={2} size="h3">
          {t('Cấp vai trò', 'Grant a role')}
        </Title>
        {summary && (
          <Alert color="red" role="alert">
            {msg(summary)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('Tài khoản được cấp', 'Account')}
            value={accountId}
            onChange={(e) => setAccountId(e.currentTarget.value)}
            data={[
              { value: '', label: t('— Chọn —', '— Choose —') },
              ...accounts
                .filter((a) => a.status === 'ACTIVE')
                .map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` })),
            ]}
            error={fieldError(error, 'accountId', msg)}
          />
          <NativeSelect
            label={t('Vai trò', 'Role')}
            value={chosenRole}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data={roles.map((r) => ({ value: r, label: label(ROLES, r) }))}
            error={fieldError(error, 'role', msg)}
          />
          <NativeSelect
            label={t('Phạm vi', 'Scope')}
            value={chosenScope}
            onChange={(e) => setScope(e.currentTarget.value as RoleScope)}
            data={scopes.map((s) => ({ value: s, label: label(SCOPES, s) }))}
            error={fieldError(error, 'scope', msg)}
          />
          <TextInput
            label={t(
              'Lĩnh vực (cách nhau bởi dấu phẩy; để trống: tất cả)',
              'Fields (comma separated; empty: all)',
            )}
            value={fields}
            onChange={(e) => setFields(e.currentTarget.value)}
            error={fieldError(error, 'fields', msg)}
          />
          <TextInput
            type="date"
            label={t('Hiệu lực từ ngày (để trống: ngay)', 'Valid from (empty: now)')}
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={fieldError(error, 'validFrom', msg)}
          />
          <TextInput
            type="date"
            label={t('Hiệu lực đến ngày (để trống: không thời hạn)', 'Valid until (empty: open-ended)')}
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            error={fieldError(error, 'validTo', msg)}
          />
        </SimpleGrid>
        <Button type="submit" loading={busy} disabled={!accountId} w="fit-content">
          {t('Cấp vai trò', 'Grant')}
        </Button>
      </Stack>
    </form>
  );
}
