import { Alert, Stack, Title } from '@mantine/core';
import { GqlError } from '../api/graphql';
import { useI18n } from '../i18n';

/**
 * A screen the server refused (no right to it, or it failed): a heading and the server's own
 * message, never a blank page.
 */
export function Refused({ title, error }: { title: string; error: unknown }) {
  const { t, msg } = useI18n();
  const forbidden = error instanceof GqlError && error.error.errorCode === 'FORBIDDEN';
  return (
    <Stack maw={720}>
      <Title order={1}>{title}</Title>
      <Alert
        color="red"
        role="alert"
        title={forbidden ? t('Không có quyền truy cập', 'Not allowed') : t('Có lỗi', 'Error')}
      >
        {error instanceof GqlError ? msg(error.error) : t('Lỗi không xác định.', 'Unexpected error.')}
      </Alert>
    </Stack>
  );
}
