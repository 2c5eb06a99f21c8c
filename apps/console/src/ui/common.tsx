import { useEffect } from 'react';
import { Alert, Badge, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { GqlError } from '../api/graphql';
import { STATUS, useI18n, useLabel } from '../i18n';

export function usePageTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t('Quản trị nội dung', 'Content console')}`;
  }, [title, t]);
}

// Dark enough for white text at WCAG AA (4.5:1); Mantine's filled orange and green are not.
const STATUS_COLOR: Record<string, string> = {
  DRAFT: '#495057',
  SUBMITTED: '#1864ab',
  IN_REVIEW: '#364fc7',
  APPROVED: '#087f5b',
  SCHEDULED: '#0b7285',
  PUBLISHED: '#1f6f2e',
  RETURNED: '#a23b00',
  REFUSED: '#c92a2a',
  WITHDRAWN: '#212529',
  SUPERSEDED: '#495057',
};

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const label = useLabel();
  if (!status) return null;
  return (
    <Badge
      color={STATUS_COLOR[status] ?? '#495057'}
      variant="filled"
      radius="sm"
      tt="none"
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
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
  const text = error instanceof GqlError ? msg(error.error) : t('Lỗi không xác định.', 'Unexpected error.');
  return (
    <Alert color="red" role="alert" title={t('Có lỗi', 'Error')}>
      {text}
    </Alert>
  );
}

/** A short confirmation (its close button named for screen readers). */
export function notify(message: string, color = 'green') {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': 'Đóng / Close' } });
}
