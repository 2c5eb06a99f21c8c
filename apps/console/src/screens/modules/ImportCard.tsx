import { useState } from 'react';
import { Alert, Button, Card, Code, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ApiError } from '../../api/session';
import { GqlError } from '../../api/graphql';
import { useI18n } from '../../i18n';

export interface LineError {
  line: number;
  field: string;
  errorCode: string;
  messageVi: string;
  messageEn: string;
}

/** What the server answered a file: counts (a dry run or the import), or every problem by line. */
export type ImportAnswer =
  | { kind: 'report'; dryRun: boolean; summaryVi: string; summaryEn: string }
  | { kind: 'rejected'; errors: LineError[] };

export type ImportFormat = 'CSV' | 'JSON';

/**
 * A file import in two steps: a dry run (the server checks every line and counts, writing nothing)
 * shows the counts or every problem by its line and column; the import is offered once the same
 * file ran dry without a problem. All or nothing on the server's side.
 */
export function ImportCard(props: {
  id: string;
  title: string;
  help: string;
  sample: string;
  run: (format: ImportFormat, content: string, dryRun: boolean) => Promise<ImportAnswer>;
  onImported?: () => void | Promise<void>;
}) {
  const { t, lang, msg } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formatOf = (f: File): ImportFormat => (/\.json$/i.test(f.name) ? 'JSON' : 'CSV');
  const choose = (f: File | null) => {
    setFile(f);
    setAnswer(null);
    setError(null);
    setChecked(null);
  };
  const go = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const content = await file.text();
    try {
      const a = await props.run(formatOf(file), content, dryRun);
      setAnswer(a);
      setChecked(dryRun && a.kind === 'report' ? content : null);
      if (!dryRun && a.kind === 'report') await props.onImported?.();
    } catch (e) {
      setAnswer(null);
      setError(
        e instanceof GqlError
          ? e.error
          : { errorCode: 'ERROR', messageVi: 'Lỗi không xác định.', messageEn: 'Unexpected error.' },
      );
    } finally {
      setBusy(false);
    }
  };
  const rejected = answer?.kind === 'rejected' ? answer.errors : null;
  // A line's problem belongs to the file; a refusal of the whole request (rights) to the form.
  const fileError = rejected
    ? t(
        `Tệp có ${rejected.length} lỗi; không dòng nào được ghi.`,
        `The file has ${rejected.length} problem(s); nothing was written.`,
      )
    : undefined;
  return (
    <Card withBorder component="section" aria-labelledby={`${props.id}-title`}>
      <Title order={2} size="h3" id={`${props.id}-title`} mb="xs">
        {props.title}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{props.help}</Text>
        {/* Wrapped, not scrolled: a scrolling block would need to take the keyboard focus. */}
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {props.sample}
        </Code>
        {error && (
          <Alert color="red" role="alert" title={t('Không thực hiện được', 'Not done')}>
            {msg(error)}
          </Alert>
        )}
        <FileInput
          label={t('Tệp CSV hoặc JSON', 'CSV or JSON file')}
          accept=".csv,.json,text/csv,application/json"
          value={file}
          onChange={choose}
          clearable
          clearButtonProps={{ 'aria-label': t('Bỏ chọn tệp', 'Remove the file') }}
          error={fileError}
        />
        {rejected && (
          <Table striped aria-label={t('Các lỗi của tệp, theo dòng', 'The file’s problems, by line')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Dòng', 'Line')}</Table.Th>
                <Table.Th>{t('Cột', 'Column')}</Table.Th>
                <Table.Th>{t('Lỗi', 'Problem')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejected.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>
                    <code>{e.field}</code>
                  </Table.Td>
                  <Table.Td>{lang === 'en' ? e.messageEn : e.messageVi}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {answer?.kind === 'report' && (
          <Alert color={answer.dryRun ? 'blue' : 'green'} role="status">
            {lang === 'en' ? answer.summaryEn : answer.summaryVi}
          </Alert>
        )}
        <Group>
          <Button variant="outline" disabled={!file} loading={busy} onClick={() => void go(true)}>
            {t('Chạy thử (không ghi)', 'Dry run (writes nothing)')}
          </Button>
          <Button disabled={!file || checked === null} loading={busy} onClick={() => void go(false)}>
            {t('Nhập tệp', 'Import the file')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
