import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { gql, GqlError } from '../api/graphql';
import { CompareDoc, RestoreDoc, RevisionsDoc } from '../api/documents';
import type { ApiError } from '../api/session';
import { revisions as route } from '../router';
import { fmtDateTime, useI18n } from '../i18n';
import { ErrorBox, Loading, usePageTitle, notify } from '../ui/common';

const FIELD: Record<string, [string, string]> = {
  title: ['Tiêu đề', 'Title'],
  summary: ['Tóm tắt', 'Summary'],
  body: ['Nội dung', 'Body'],
  fields: ['Thông tin riêng', 'Kind fields'],
  authorName: ['Tác giả', 'Author'],
  source: ['Nguồn tin', 'Source'],
};

export function Revisions() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const { t, msg } = useI18n();
  usePageTitle(t('Các phiên bản', 'Revisions'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const list = useQuery({ queryKey: ['revisions', id], queryFn: () => gql(RevisionsDoc, { itemId: id }) });
  const revs = list.data?.contentRevisions ?? [];
  const from = search.from ?? (revs.length > 1 ? revs[revs.length - 2].number : undefined);
  const to = search.to ?? revs[revs.length - 1]?.number;
  const diff = useQuery({
    queryKey: ['compare', id, from, to],
    queryFn: () => gql(CompareDoc, { itemId: id, from: from!, to: to! }),
    enabled: !!from && !!to && from !== to,
  });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorBox error={list.error} />;
  const live = list.data?.contentItem?.live?.number;
  const restore = async (number: number) => {
    setError(null);
    try {
      const r = (await gql(RestoreDoc, { itemId: id, number })).restoreRevision;
      if (r.__typename === 'InputError') return setError(r);
      notify(
        t(
          `Đã khôi phục phiên bản ${number} thành bản nháp mới.`,
          `Revision ${number} was restored as a new draft.`,
        ),
      );
      await client.invalidateQueries();
      void navigate({ to: '/noi-dung/$id', params: { id } });
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    }
  };
  const options = revs.map((r) => ({
    value: String(r.number),
    label: `${r.number} · ${fmtDateTime(r.createdAt)}`,
  }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('Các phiên bản', 'Revisions')}</Title>
        <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id }} />}>
          {t('Về trang bài', 'Back to the item')}
        </Anchor>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {msg(error)}
        </Alert>
      )}
      <Table striped>
        <caption className="skip-link">{t('Các phiên bản', 'Revisions')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('Tiêu đề', 'Title')}</Table.Th>
            <Table.Th>{t('Lưu lúc', 'Saved')}</Table.Th>
            <Table.Th>{t('Thao tác', 'Actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revs.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.number}</Table.Td>
              <Table.Td>
                {r.title}
                {r.number === live && <Text size="xs">{t('(đang đăng)', '(live)')}</Text>}
              </Table.Td>
              <Table.Td>{fmtDateTime(r.createdAt)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="outline" onClick={() => void restore(r.number)}>
                  {t(`Khôi phục bản ${r.number} thành bản nháp mới`, `Restore ${r.number} as a new draft`)}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <NativeSelect
          label={t('So sánh từ phiên bản', 'Compare from')}
          value={String(from ?? '')}
          data={options}
          onChange={(e) =>
            void navigate({
              to: '/noi-dung/$id/phien-ban',
              params: { id },
              search: { from: Number(e.currentTarget.value), to },
            })
          }
        />
        <NativeSelect
          label={t('Đến phiên bản', 'To')}
          value={String(to ?? '')}
          data={options}
          onChange={(e) =>
            void navigate({
              to: '/noi-dung/$id/phien-ban',
              params: { id },
              search: { from, to: Number(e.currentTarget.value) },
            })
          }
        />
      </Group>
      {diff.isLoading && <Loading />}
      {diff.data && diff.data.compareRevisions.length === 0 && (
        <Text>{t('Hai phiên bản giống nhau.', 'The two revisions are the same.')}</Text>
      )}
      {diff.data?.compareRevisions.map((d) => (
        <section key={d.field} aria-labelledby={`diff-${d.field}`}>
          <Title order={2} size="h4" id={`diff-${d.field}`}>
            {FIELD[d.field] ? t(...FIELD[d.field]) : d.field}
          </Title>
          <Grid>
            <Grid.Col span={6}>
              <Paper withBorder p="sm" aria-label={t(`Phiên bản ${from}`, `Revision ${from}`)}>
                <Text size="xs" fw={700}>
                  {t(`Phiên bản ${from}`, `Revision ${from}`)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>
                  {d.parts
                    .filter((p) => !p.added)
                    .map((p, i) =>
                      p.removed ? (
                        <del key={i} className="diff-removed">
                          {p.value}
                        </del>
                      ) : (
                        <span key={i}>{p.value}</span>
                      ),
                    )}
                </Text>
              </Paper>
            </Grid.Col>
            <Grid.Col span={6}>
              <Paper withBorder p="sm" aria-label={t(`Phiên bản ${to}`, `Revision ${to}`)}>
                <Text size="xs" fw={700}>
                  {t(`Phiên bản ${to}`, `Revision ${to}`)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>
                  {d.parts
                    .filter((p) => !p.removed)
                    .map((p, i) =>
                      p.added ? (
                        <ins key={i} className="diff-added">
                          {p.value}
                        </ins>
                      ) : (
                        <span key={i}>{p.value}</span>
                      ),
                    )}
                </Text>
              </Paper>
            </Grid.Col>
          </Grid>
        </section>
      ))}
    </Stack>
  );
}
