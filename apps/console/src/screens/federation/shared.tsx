import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge } from '@mantine/core';
import { GqlError } from '../../api/graphql';
import type { ApiError } from '../../api/session';
import { useI18n, useLabel } from '../../i18n';
import { notify } from '../../ui/common';

export const SYNDICATION_STATES: Record<string, [string, string]> = {
  PROPOSED: ['Chờ quyết định', 'Waiting for a decision'],
  ACCEPTED: ['Đã nhận đăng', 'Accepted'],
  REFUSED: ['Từ chối', 'Refused'],
  DROPPED: ['Đã gỡ khỏi cổng nhận', 'Dropped'],
  RETRACTED: ['Đã thu hồi', 'Retracted'],
  WITHDRAWN: ['Bài gốc đã gỡ', 'Withdrawn at the source'],
};

export const DIRECTIONS: Record<string, [string, string]> = {
  UP: ['Đề xuất lên cấp trên', 'Proposed upward'],
  DOWN: ['Đẩy xuống cấp dưới', 'Pushed downward'],
};

export const PORTAL_KINDS: Record<string, [string, string]> = {
  PROVINCE: ['Tỉnh, thành phố', 'Province or city'],
  DISTRICT: ['Quận, huyện', 'District'],
  TOWNSHIP: ['Thị trấn', 'Township'],
  WARD: ['Phường', 'Ward'],
  COMMUNE: ['Xã', 'Commune'],
  SPECIAL_ZONE: ['Đặc khu', 'Special zone'],
  DEPARTMENT: ['Sở, ban, ngành', 'Department'],
  THEMATIC: ['Cổng chuyên đề', 'Thematic portal'],
};

const STATE_COLOR: Record<string, string> = {
  PROPOSED: '#1864ab',
  ACCEPTED: '#1f6f2e',
  REFUSED: '#c92a2a',
  DROPPED: '#495057',
  RETRACTED: '#495057',
  WITHDRAWN: '#212529',
};

export function StateBadge({ state }: { state: string }) {
  const label = useLabel();
  return (
    <Badge color={STATE_COLOR[state] ?? '#495057'} variant="filled" radius="sm" tt="none">
      {label(SYNDICATION_STATES, state)}
    </Badge>
  );
}

const UNEXPECTED: ApiError = {
  errorCode: 'ERROR',
  messageVi: 'Lỗi không xác định.',
  messageEn: 'Unexpected error.',
};

/**
 * Runs a mutation whose answer is a typed union: an `InputError` is kept to be shown next to the
 * form (vi/en as the server gave it); success is confirmed and the named queries are reloaded.
 */
export function useAction() {
  const client = useQueryClient();
  const { msg } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (
    call: () => Promise<{ __typename?: string }>,
    done: string,
    reload: string[] = [],
  ): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      const r = await call();
      if (r.__typename === 'InputError') {
        setError(r as unknown as ApiError);
        return false;
      }
      notify(done);
      for (const key of reload) await client.invalidateQueries({ queryKey: [key] });
      return true;
    } catch (e) {
      setError(e instanceof GqlError ? e.error : UNEXPECTED);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const alert = error ? (
    <Alert color="red" role="alert">
      {msg(error)}
    </Alert>
  ) : null;
  /** The message for a form field the server named. */
  const fieldError = (field: string) => (error?.field === field ? msg(error) : undefined);
  return { run, busy, error, alert, fieldError, setError };
}

/** A category's name in the console's language. */
export function categoryName(
  lang: string,
  categories: ReadonlyArray<{ id: string; nameVi: string; nameEn?: string | null }> | undefined,
  id: string | null | undefined,
): string {
  const c = categories?.find((x) => x.id === id);
  return c ? (lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi) : '—';
}
