import { useState } from 'react';
import { Alert, Button, PasswordInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { CreateAccountDoc } from '../../api/admin-documents';
import type { ApiError } from '../../api/session';
import { useI18n } from '../../i18n';
import { fieldError, formError, thrown } from './form-errors';

const FIELDS = ['username', 'displayName', 'email', 'password'];

/** A new account whose home is the chosen portal. */
export function CreateAccountForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const { t, msg } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = (
        await gql(CreateAccountDoc, {
          input: {
            tenantId,
            username: username.trim(),
            displayName: displayName.normalize('NFC').trim(),
            email: email.trim() || null,
            password,
          },
        })
      ).createAccount;
      if (r.__typename === 'InputError') setError(r);
      else {
        setDone(t(`Đã tạo tài khoản ${r.username}.`, `Account ${r.username} created.`));
        setUsername('');
        setDisplayName('');
        setEmail('');
        setPassword('');
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
          {t('Tạo tài khoản', 'Create an account')}
        </Title>
        {summary && (
          <Alert color="red" role="alert">
            {msg(summary)}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('Tên đăng nhập mới', 'New username')}
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={fieldError(error, 'username', msg)}
          />
          <TextInput
            label={t('Họ và tên', 'Full name')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fieldError(error, 'displayName', msg)}
          />
          <TextInput
            label={t('Thư điện tử', 'Email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email', msg)}
          />
          <PasswordInput
            label={t('Mật khẩu ban đầu (ít nhất 12 ký tự)', 'Initial password (12 characters or more)')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(error, 'password', msg)}
          />
        </SimpleGrid>
        <Button type="submit" loading={busy} w="fit-content">
          {t('Tạo tài khoản', 'Create the account')}
        </Button>
      </Stack>
    </form>
  );
}
