import { useEffect } from 'react';
import { Alert, Badge, Loader } from '@mantine/core';
import { GqlError } from '../api/graphql';
import { STATUS, useI18n, useLabel } from '../i18n';

export function usePageTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t('Quản trị nội dung', 'Content console')}`;
  }, [title, t]);
}

const STATUS_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  IN_REVIEW: 'indigo',
  APPROVED: 'teal',
  SCHEDULED: 'cyan',
  PUBLISHED: 'green',
  RETURNED: 'orange',
  REFUSED: 'red',
  WITHDRAWN: 'dark',
  SUPERSEDED: 'gray',
};

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const label = useLabel();
  if (!status) return null;
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="filled" radius="sm">
      {label(STATUS, status)}
    </Badge>
  );
}

export function Loading() {
  return <Loader aria-label="Đang tải / Loading" />;
}

export function ErrorBox({ error }: { error: unknown }) {
  const { t, msg } = useI18n();
  if (!error) return null;
  const text =
    error instanceof GqlError ? msg(error.error) : t('Lỗi không xác định.', 'Unexpected error.');
  return (
    <Alert color="red" role="alert" title={t('Có lỗi', 'Error')}>
      {text}
    </Alert>
  );
}
