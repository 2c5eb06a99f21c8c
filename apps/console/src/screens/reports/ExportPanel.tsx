import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import { ReportExportDoc, RequestReportExportDoc } from '../../api/reports-documents';
import type { ApiError } from '../../api/session';
import type { ReportFormat } from '../../gql/graphql';
import { fmtDateTime, useI18n } from '../../i18n';
import type { ReportRequest } from './Reports';

interface Requested {
  id: string;
  format: ReportFormat;
  period: string;
  scope: string;
}

const STEP: Record<string, number> = { QUEUED: 15, RUNNING: 60, DONE: 100, FAILED: 100 };

/** Report files: asked for here, made by a background job, followed until they can be downloaded. */
export function ExportPanel({ request }: { request: ReportRequest }) {
  const { t, msg } = useI18n();
  const [files, setFiles] = useState<Requested[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const ask = async (format: ReportFormat) => {
    setError(null);
    setBusy(format);
    try {
      const r = (await gql(RequestReportExportDoc, { ...request, format })).requestReportExport;
      if (r.__typename === 'InputError') setError(r);
      else setFiles((f) => [{ id: r.id, format, period: request.period, scope: request.scope }, ...f]);
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="report-files-title">
      <Title order={2} size="h3" id="report-files-title" mb="xs">
        {t('Tải báo cáo về máy', 'Download the report')}
      </Title>
      <Text size="sm" mb="sm">
        {t(
          'Tệp được lập trong nền (cả tỉnh có thể mất vài phút); trang này báo tiến độ và hiện liên kết tải khi xong. Excel: mỗi phần một trang tính; CSV: UTF-8, mở được bằng Excel.',
          'The file is made in the background (a whole province may take minutes); this page follows it and shows the download link when it is ready. Excel: one sheet per section; CSV: UTF-8, opens in Excel.',
        )}
      </Text>
      <Group>
        <Button variant="outline" onClick={() => void ask('XLSX')} loading={busy === 'XLSX'}>
          {t('Lập tệp Excel (XLSX)', 'Make an Excel file (XLSX)')}
        </Button>
        <Button variant="outline" onClick={() => void ask('CSV')} loading={busy === 'CSV'}>
          {t('Lập tệp CSV', 'Make a CSV file')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" mt="sm">
          {msg(error)}
        </Alert>
      )}
      {files.length > 0 && (
        <Table mt="sm" aria-label={t('Các tệp báo cáo đã yêu cầu', 'Report files asked for')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Tệp', 'File')}</Table.Th>
              <Table.Th>{t('Kỳ', 'Period')}</Table.Th>
              <Table.Th>{t('Tiến độ', 'Progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <ExportRow key={f.id} file={f} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function ExportRow({ file }: { file: Requested }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['report-export', file.id],
    queryFn: () => gql(ReportExportDoc, { id: file.id }),
    // Followed every second until the job has finished (or failed).
    refetchInterval: (query) => {
      const s = query.state.data?.reportExport.status;
      return s === 'DONE' || s === 'FAILED' ? false : 1000;
    },
  });
  const x = q.data?.reportExport;
  const status = x?.status ?? 'QUEUED';
  const STATUS: Record<string, string> = {
    QUEUED: t('Đang chờ đến lượt…', 'Waiting for its turn…'),
    RUNNING: t('Đang lập tệp…', 'Making the file…'),
    DONE: t('Đã xong', 'Ready'),
    FAILED: t('Không lập được tệp', 'The file could not be made'),
  };
  const kb = x?.size ? `${Math.max(1, Math.round(x.size / 1024))} KB` : '';
  return (
    <Table.Tr>
      <Table.Td>
        {file.format === 'XLSX' ? 'Excel (XLSX)' : 'CSV'} ·{' '}
        {file.scope === 'SUBTREE' ? t('cả cây', 'subtree') : t('một cổng', 'one portal')}
      </Table.Td>
      <Table.Td>{file.period}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Progress
            value={STEP[status] ?? 15}
            animated={status === 'QUEUED' || status === 'RUNNING'}
            color={status === 'FAILED' ? 'red' : status === 'DONE' ? 'green' : 'blue'}
            aria-hidden
          />
          <Text size="sm" role="status">
            {STATUS[status] ?? status}
            {x?.finishedAt && status === 'DONE' ? ` (${fmtDateTime(x.finishedAt)})` : ''}
            {status === 'FAILED' && x?.error ? `: ${x.error}` : ''}
          </Text>
          {status === 'DONE' && x?.downloadUrl && (
            <Group gap="xs">
              <Anchor href={x.downloadUrl} download={x.fileName ?? undefined}>
                {t('Tải về', 'Download')} {x.fileName} {kb && `(${kb})`}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('liên kết dùng trong 5 phút', 'the link works for 5 minutes')}
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => void q.refetch()}>
                {t('Lấy liên kết mới', 'New link')}
              </Button>
            </Group>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
