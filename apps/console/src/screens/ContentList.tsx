import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql } from '../api/graphql';
import { CategoriesDoc, ContentListDoc } from '../api/documents';
import type { RevisionStatus } from '../gql/graphql';
import { contentList, type ListSearch } from '../router';
import { fmtDate, fmtDateTime, KINDS, STATUS, useI18n, useLabel, vnLocalToIso } from '../i18n';
import { ErrorBox, Loading, StatusBadge, usePageTitle } from '../ui/common';

export function ContentList() {
  const { t, lang } = useI18n();
  const label = useLabel();
  usePageTitle(t('Nội dung', 'Content'));
  const search = contentList.useSearch();
  const navigate = useNavigate();
  const cats = useQuery({ queryKey: ['categories'], queryFn: () => gql(CategoriesDoc) });
  const [q, setQ] = useState(search.q ?? '');
  const set = (patch: Partial<ListSearch>) =>
    void navigate({ to: '/noi-dung', search: { ...search, ...patch } });
  const filter = {
    kind: (search.kind as never) ?? null,
    statuses: search.status ? [search.status as RevisionStatus] : null,
    language: search.language ?? null,
    categoryId: search.categoryId ?? null,
    mine: search.mine ?? null,
    query: search.q ?? null,
    updatedFrom: search.from ? vnLocalToIso(`${search.from}T00:00`) : null,
    updatedTo: search.to
      ? new Date(Date.parse(vnLocalToIso(`${search.to}T00:00`)!) + 86_400_000).toISOString()
      : null,
    first: 20,
  };
  const list = useInfiniteQuery({
    queryKey: ['content', filter],
    queryFn: ({ pageParam }) => gql(ContentListDoc, { filter: { ...filter, after: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.contentItems.pageInfo.hasNextPage ? last.contentItems.pageInfo.endCursor : null,
  });
  const rows = list.data?.pages.flatMap((p) => p.contentItems.nodes) ?? [];
  const catName = (id: string | null | undefined) => {
    const c = cats.data?.categories.find((x) => x.id === id);
    return c ? (lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi) : '—';
  };
  const any = { value: '', label: t('Tất cả', 'All') };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('Nội dung', 'Content')}</Title>
        <Button
          renderRoot={(p) => <Link {...p} to="/noi-dung/moi" search={{ kind: search.kind ?? 'NEWS' }} />}
        >
          {t('Viết bài mới', 'New item')}
        </Button>
      </Group>
      <form
        role="search"
        aria-label={t('Lọc nội dung', 'Filter content')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q || undefined });
        }}
      >
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('Tìm theo tiêu đề', 'Search titles')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('Loại', 'Kind')}
            value={search.kind ?? ''}
            onChange={(e) => set({ kind: e.currentTarget.value || undefined })}
            data={[any, ...Object.keys(KINDS).map((k) => ({ value: k, label: label(KINDS, k) }))]}
          />
          <NativeSelect
            label={t('Trạng thái', 'State')}
            value={search.status ?? ''}
            onChange={(e) => set({ status: e.currentTarget.value || undefined })}
            data={[any, ...Object.keys(STATUS).map((k) => ({ value: k, label: label(STATUS, k) }))]}
          />
          <NativeSelect
            label={t('Chuyên mục', 'Category')}
            value={search.categoryId ?? ''}
            onChange={(e) => set({ categoryId: e.currentTarget.value || undefined })}
            data={[
              any,
              ...(cats.data?.categories ?? []).map((c) => ({
                value: c.id,
                label: lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi,
              })),
            ]}
          />
          <NativeSelect
            label={t('Ngôn ngữ', 'Language')}
            value={search.language ?? ''}
            onChange={(e) => set({ language: e.currentTarget.value || undefined })}
            data={[any, { value: 'vi', label: 'Tiếng Việt' }, { value: 'en', label: 'English' }]}
          />
          <TextInput
            type="date"
            label={t('Sửa từ ngày', 'Changed from')}
            value={search.from ?? ''}
            onChange={(e) => set({ from: e.currentTarget.value || undefined })}
          />
          <TextInput
            type="date"
            label={t('Đến ngày', 'Changed to')}
            value={search.to ?? ''}
            onChange={(e) => set({ to: e.currentTarget.value || undefined })}
          />
          <Checkbox
            label={t('Chỉ bài của tôi', 'Only mine')}
            checked={!!search.mine}
            onChange={(e) => set({ mine: e.currentTarget.checked || undefined })}
          />
          <Button type="submit" variant="outline">
            {t('Lọc', 'Filter')}
          </Button>
        </Group>
      </form>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text>{t('Không có bài nào khớp bộ lọc.', 'No items match the filter.')}</Text>
      ) : (
        <Table striped highlightOnHover>
          <caption className="skip-link">{t('Danh sách tin bài', 'Items')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Tiêu đề', 'Title')}</Table.Th>
              <Table.Th>{t('Loại', 'Kind')}</Table.Th>
              <Table.Th>{t('Chuyên mục', 'Category')}</Table.Th>
              <Table.Th>{t('Ngôn ngữ', 'Language')}</Table.Th>
              <Table.Th>{t('Trạng thái', 'State')}</Table.Th>
              <Table.Th>{t('Cập nhật', 'Updated')}</Table.Th>
              <Table.Th>{t('Hạn', 'Due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id: r.id }} />}>
                    {r.title}
                  </Anchor>
                  {r.isLive && r.status !== 'PUBLISHED' && (
                    <Text size="xs" c="dimmed">
                      {t('Đang có bản đăng công khai', 'A revision is live')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{label(KINDS, r.kind)}</Table.Td>
                <Table.Td>{catName(r.categoryId)}</Table.Td>
                <Table.Td>{r.language === 'en' ? 'EN' : 'VI'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{fmtDateTime(r.updatedAt)}</Table.Td>
                <Table.Td>{fmtDate(r.boardDueAt ?? r.dueAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Button variant="outline" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('Xem thêm', 'Load more')}
        </Button>
      )}
    </Stack>
  );
}
