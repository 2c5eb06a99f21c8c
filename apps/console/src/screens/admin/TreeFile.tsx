import { useState } from 'react';
import { Alert, Button, FileInput, Group, List, Stack, Table, Text, Textarea } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ApplyTreeDoc } from '../../api/admin-documents';
import type { AdminApplyTreeMutation } from '../../gql/graphql';
import type { ApiError } from '../../api/session';
import { useI18n } from '../../i18n';
import { thrown } from './form-errors';

type Report = AdminApplyTreeMutation['applyTenantTree'];

/** Apply a tree file: a dry run first (created, updated, unchanged, problems by line), then for real. */
export function TreeFile({ onDone }: { onDone: () => void }) {
  const { t, msg } = useI18n();
  const [yaml, setYaml] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(ApplyTreeDoc, { yaml, dryRun })).applyTenantTree;
      setReport(r);
      if (!dryRun && r.problems.length === 0) onDone();
    } catch (e) {
      setReport(null);
      setError(thrown(e));
    }
    setBusy(false);
  };
  const lines = yaml.split('\n');
  return (
    <Stack maw={900}>
      <Text size="sm">
        {t(
          'Tệp cây (như các tệp trong thư mục tenants/) tạo các cổng còn thiếu, cập nhật cổng khác đi và không xóa cổng nào. Hãy chạy thử trước.',
          'A tree file (like those in tenants/) creates missing portals, updates those that differ and deletes nothing. Run it dry first.',
        )}
      </Text>
      <FileInput
        label={t('Chọn tệp YAML', 'Choose a YAML file')}
        accept=".yaml,.yml,text/yaml"
        clearable
        onChange={(file) => {
          setReport(null);
          if (file) void file.text().then(setYaml);
        }}
      />
      <Textarea
        label={t('Nội dung tệp cây', 'Tree file')}
        autosize
        minRows={8}
        maxRows={24}
        styles={{ input: { fontFamily: 'monospace' } }}
        value={yaml}
        onChange={(e) => {
          setYaml(e.currentTarget.value);
          setReport(null);
        }}
      />
      <Group>
        <Button variant="outline" loading={busy} disabled={!yaml.trim()} onClick={() => void run(true)}>
          {t('Chạy thử', 'Dry run')}
        </Button>
        <Button
          loading={busy}
          disabled={!report || !report.dryRun || report.problems.length > 0}
          onClick={() => void run(false)}
        >
          {t('Áp dụng', 'Apply')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {msg(error)}
        </Alert>
      )}
      {report && (
        <Stack gap="xs" role="status">
          <Text fw={600}>
            {report.dryRun ? t('Kết quả chạy thử', 'Dry run') : t('Đã áp dụng', 'Applied')}
          </Text>
          <Table withTableBorder maw={420}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('Tạo mới', 'Created')}</Table.Th>
                <Table.Td data-count="created">{report.created}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('Cập nhật', 'Updated')}</Table.Th>
                <Table.Td data-count="updated">{report.updated}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('Không đổi', 'Unchanged')}</Table.Th>
                <Table.Td data-count="unchanged">{report.unchanged}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {report.problems.length > 0 && (
            <Alert color="red" title={t('Tệp có lỗi, chưa ghi gì', 'The file has problems; nothing written')}>
              <List size="sm">
                {report.problems.map((p, i) => (
                  <List.Item key={i}>
                    <Text span fw={600}>
                      {t(`Dòng ${p.line}, cột ${p.column}`, `Line ${p.line}, column ${p.column}`)}
                    </Text>
                    : {p.message}
                    {lines[p.line - 1] !== undefined && (
                      <Text component="pre" size="xs" m={0}>
                        {lines[p.line - 1]}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}
