import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import { PortalTreeDoc, SubtreeFeedDoc, SubtreeSearchDoc } from '../../api/federation-documents';
import type { ContentKind, SubtreeFeedFilter, SyndicationStatusFilter, TenantKind } from '../../gql/graphql';
import { fmtDateTime, KINDS, useI18n, useLabel, vnLocalToIso } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { PORTAL_KINDS } from './shared';

const SYNDICATION_FILTERS: Record<string, [string, string]> = {
  NOT_SYNDICATED: ['Chưa chia sẻ', 'Not shared'],
  PROPOSED: ['Đang đề xuất', 'Proposed'],
  SYNDICATED_UP: ['Đã đăng lên cấp trên', 'Republished above'],
  PUSHED_DOWN: ['Đã đẩy xuống cấp dưới', 'Pushed below'],
};

interface Filters {
  rootTenantId: string;
  everywhere: boolean;
  kind: string;
  portalKind: string;
  categoryName: string;
  language: string;
  from: string;
  to: string;
  syndication: string;
  pageSize: string;
}
const EMPTY: Filters = {
  rootTenantId: '',
  everywhere: false,
  kind: '',
  portalKind: '',
  categoryName: '',
  language: 'vi',
  from: '',
  to: '',
  syndication: '',
  pageSize: '50',
};

function toFilter(f: Filters): SubtreeFeedFilter {
  return {
    rootTenantId: f.rootTenantId || null,
    everywhere: f.everywhere || null,
    kinds: f.kind ? [f.kind as ContentKind] : null,
    portalKinds: f.portalKind ? [f.portalKind as TenantKind] : null,
    categoryName: f.categoryName || null,
    language: f.language || null,
    publishedFrom: f.from ? vnLocalToIso(`${f.from}T00:00`) : null,
    publishedTo: f.to
      ? new Date(Date.parse(vnLocalToIso(`${f.to}T00:00`)!) + 86_400_000).toISOString()
      : null,
    syndication: (f.syndication as SyndicationStatusFilter) || null,
    first: Number(f.pageSize),
  };
}

/**
 * The office above several portals: everything published in its subtree, newest first, with every
 * filter the server offers and cursor paging ("load more" keeps going through thousands of items),
 * and a cross-portal search.
 */
export function SubtreeFeed() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Tổng hợp tin bài toàn hệ thống', 'Subtree feed'));
  const tree = useQuery({ queryKey: ['portal-tree'], queryFn: () => gql(PortalTreeDoc) });
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const filter = toFilter(applied);
  const feed = useInfiniteQuery({
    queryKey: ['subtree-feed', filter],
    queryFn: ({ pageParam }) => gql(SubtreeFeedDoc, { filter: { ...filter, after: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) =>
      last.subtreeFeed.pageInfo.hasNextPage ? last.subtreeFeed.pageInfo.endCursor : null,
  });
  const rows = feed.data?.pages.flatMap((p) => p.subtreeFeed.nodes) ?? [];
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const search = useQuery({
    queryKey: ['subtree-search', searched, applied.rootTenantId, applied.everywhere],
    queryFn: () =>
      gql(SubtreeSearchDoc, {
        query: searched,
        rootTenantId: applied.rootTenantId || null,
        everywhere: applied.everywhere || null,
        first: 50,
      }),
    enabled: searched.trim().length > 0,
  });
  const set = (patch: Partial<Filters>) => setDraft({ ...draft, ...patch });
  const any = { value: '', label: t('Tất cả', 'All') };
  const portal = tree.data?.portal;
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };
  return (
    <Stack>
      <Title order={1}>{t('Tổng hợp tin bài toàn hệ thống', 'Subtree feed')}</Title>
      <Paper withBorder p="md" component="form" onSubmit={apply} aria-label={t('Bộ lọc', 'Filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('Phạm vi', 'Scope')}
            value={draft.rootTenantId}
            onChange={(e) => set({ rootTenantId: e.currentTarget.value })}
            data={[
              { value: '', label: portal ? `${portal.name} ${t('và cấp dưới', 'and below')}` : '—' },
              ...(portal?.children ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <NativeSelect
            label={t('Loại bài', 'Kind')}
            value={draft.kind}
            onChange={(e) => set({ kind: e.currentTarget.value })}
            data={[any, ...Object.keys(KINDS).map((k) => ({ value: k, label: label(KINDS, k) }))]}
          />
          <NativeSelect
            label={t('Loại cổng', 'Kind of portal')}
            value={draft.portalKind}
            onChange={(e) => set({ portalKind: e.currentTarget.value })}
            data={[
              any,
              ...Object.keys(PORTAL_KINDS).map((k) => ({ value: k, label: label(PORTAL_KINDS, k) })),
            ]}
          />
          <TextInput
            label={t('Tên chuyên mục', 'Category name')}
            value={draft.categoryName}
            onChange={(e) => set({ categoryName: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('Ngôn ngữ', 'Language')}
            value={draft.language}
            onChange={(e) => set({ language: e.currentTarget.value })}
            data={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
          <NativeSelect
            label={t('Liên thông', 'Sharing')}
            value={draft.syndication}
            onChange={(e) => set({ syndication: e.currentTarget.value })}
            data={[
              any,
              ...Object.keys(SYNDICATION_FILTERS).map((k) => ({
                value: k,
                label: label(SYNDICATION_FILTERS, k),
              })),
            ]}
          />
          <TextInput
            type="date"
            label={t('Đăng từ ngày', 'Published from')}
            value={draft.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('Đến ngày', 'Published to')}
            value={draft.to}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('Số bài mỗi trang', 'Items per page')}
            value={draft.pageSize}
            onChange={(e) => set({ pageSize: e.currentTarget.value })}
            data={['10', '20', '50', '100']}
          />
          <Checkbox
            mt="xl"
            label={t(
              'Toàn bộ liên thông (mọi cổng được phép xem)',
              'The whole federation (every portal I may see)',
            )}
            checked={draft.everywhere}
            onChange={(e) => set({ everywhere: e.currentTarget.checked })}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('Lọc', 'Filter')}</Button>
          <Button
            variant="outline"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            {t('Xóa bộ lọc', 'Clear')}
          </Button>
        </Group>
      </Paper>

      <Paper
        withBorder
        p="md"
        component="form"
        role="search"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <Group align="end">
          <TextInput
            label={t('Tìm trên mọi cổng trong phạm vi', 'Search every portal in scope')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit">{t('Tìm kiếm', 'Search')}</Button>
        </Group>
        {search.isFetching && <Loading />}
        <ErrorBox error={search.error} />
        {searched && search.data && (
          <Stack mt="md" component="section" aria-labelledby="search-results">
            <Title order={2} size="h3" id="search-results">
              {t(`Kết quả tìm “${searched}”`, `Results for “${searched}”`)} (
              {search.data.subtreeSearch.length})
            </Title>
            <ItemTable rows={search.data.subtreeSearch} />
          </Stack>
        )}
      </Paper>

      <Stack component="section" aria-labelledby="feed-title">
        <Title order={2} size="h3" id="feed-title">
          {t('Tin bài mới nhất', 'Newest items')}
        </Title>
        <ErrorBox error={feed.error} />
        {feed.isLoading ? <Loading /> : <ItemTable rows={rows} withCopies />}
        <Group>
          <Text role="status">{t(`Đang hiển thị ${rows.length} bài`, `Showing ${rows.length} items`)}</Text>
          {feed.hasNextPage && (
            <Button
              variant="outline"
              loading={feed.isFetchingNextPage}
              onClick={() => void feed.fetchNextPage()}
            >
              {t('Tải thêm', 'Load more')}
            </Button>
          )}
        </Group>
      </Stack>
    </Stack>
  );
}

interface Row {
  id: string;
  title: string;
  kind: string;
  publishedAt: string;
  categoryName?: string | null;
  url: string;
  portal?: { nameVi: string } | null;
  copies?: ReadonlyArray<{ direction: string; state: string; portal?: { nameVi: string } | null }>;
}

function ItemTable({ rows, withCopies }: { rows: readonly Row[]; withCopies?: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  if (rows.length === 0) return <Text>{t('Không có bài nào.', 'No items.')}</Text>;
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('Tiêu đề', 'Title')}</Table.Th>
          <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
          <Table.Th>{t('Loại', 'Kind')}</Table.Th>
          <Table.Th>{t('Chuyên mục', 'Category')}</Table.Th>
          <Table.Th>{t('Ngày đăng', 'Published')}</Table.Th>
          {withCopies && <Table.Th>{t('Bản sao', 'Copies')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Anchor href={r.url}>{r.title}</Anchor>
            </Table.Td>
            <Table.Td>{r.portal?.nameVi ?? '—'}</Table.Td>
            <Table.Td>{label(KINDS, r.kind)}</Table.Td>
            <Table.Td>{r.categoryName ?? '—'}</Table.Td>
            <Table.Td>{fmtDateTime(r.publishedAt)}</Table.Td>
            {withCopies && (
              <Table.Td>
                {r.copies?.length
                  ? r.copies
                      .filter((c) => c.state === 'ACCEPTED')
                      .map((c) => c.portal?.nameVi ?? '—')
                      .join(', ') || '—'
                  : '—'}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
