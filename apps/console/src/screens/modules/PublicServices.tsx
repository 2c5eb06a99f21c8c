import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ImportPublicServicesDoc, PublicServiceEntriesDoc } from '../../api/modules-documents';
import type { ApiError } from '../../api/session';
import type { ServiceLevel } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, notify, usePageTitle } from '../../ui/common';
import { thrown } from '../admin/form-errors';
import { ImportCard, type ImportAnswer, type ImportFormat } from './ImportCard';
import { LEVEL, dmy } from './labels';

const SAMPLE = `code,name,field,level,portalUrl,received,processed,countsAsOf,status
1.001193,Đăng ký khai sinh,Hộ tịch,FULL_ONLINE,https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193,120,118,2026-11-30,
2.000908,,,,,,,,WITHDRAWN`;

const importDoc = (format: ImportFormat, content: string, dryRun: boolean) =>
  gql(ImportPublicServicesDoc, { input: { format, content, dryRun } }).then((r) => r.importPublicServices);

/**
 * The portal's catalogue of administrative procedures and online public services (641/QĐ-UBND art.
 * 17; 05/2024/QĐ-UBND art. 4.2.d) as the board keeps it: by field and level, withdrawn entries too;
 * the catalogue and its usage counts imported from a file (dry run first); an entry withdrawn from
 * the public catalogue or restored (a one-line import by its code, audited like any other).
 */
export function PublicServices() {
  const { t, lang, msg } = useI18n();
  const label = useLabel();
  usePageTitle(t('Thủ tục hành chính, dịch vụ công', 'Procedures and public services'));
  const client = useQueryClient();
  const [field, setField] = useState('');
  const [level, setLevel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const all = useQuery({
    queryKey: ['publicServiceEntries', '', ''],
    queryFn: () => gql(PublicServiceEntriesDoc, {}),
  });
  const list = useQuery({
    queryKey: ['publicServiceEntries', field, level],
    queryFn: () =>
      gql(PublicServiceEntriesDoc, {
        filter: { field: field || null, level: (level || null) as ServiceLevel | null },
      }),
  });
  const fields = [...new Set((all.data?.publicServiceEntries ?? []).map((s) => s.field))].sort((a, b) =>
    a.localeCompare(b, 'vi'),
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['publicServiceEntries'] });
  const run = async (format: ImportFormat, content: string, dryRun: boolean): Promise<ImportAnswer> => {
    const r = await importDoc(format, content, dryRun);
    if (r.__typename === 'ImportRejected') return { kind: 'rejected', errors: r.errors };
    const what = dryRun ? ['Chạy thử: sẽ', 'Dry run: would'] : ['Đã nhập:', 'Imported:'];
    return {
      kind: 'report',
      dryRun: r.dryRun,
      summaryVi: `${what[0]} thêm ${r.created}, cập nhật ${r.updated}, giữ nguyên ${r.unchanged} dịch vụ.`,
      summaryEn: `${what[1]} ${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged.`,
    };
  };
  const setStanding = async (code: string, withdraw: boolean) => {
    setError(null);
    try {
      const content = JSON.stringify({ services: [{ code, status: withdraw ? 'WITHDRAWN' : 'ACTIVE' }] });
      const r = await importDoc('JSON', content, false);
      if (r.__typename === 'ImportRejected') {
        const e = r.errors[0];
        return setError({
          errorCode: e.errorCode,
          field: e.field,
          messageVi: e.messageVi,
          messageEn: e.messageEn,
        });
      }
      notify(
        withdraw
          ? t(`Đã rút ${code} khỏi danh mục công khai.`, `${code} withdrawn from the public catalogue.`)
          : t(`Đã khôi phục ${code}.`, `${code} restored.`),
      );
      await refresh();
    } catch (e) {
      setError(thrown(e));
    }
  };
  const rows = list.data?.publicServiceEntries ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Thủ tục hành chính, dịch vụ công', 'Procedures and public services')}</Title>
      <Text>
        {t(
          'Danh mục thủ tục hành chính và dịch vụ công trực tuyến của cổng, với liên kết tới Cổng dịch vụ công và số hồ sơ. Dịch vụ đã rút không hiện trên trang công khai.',
          'The portal’s catalogue of procedures and online public services, with the link to the public-service portal and the dossier counts. Withdrawn entries are not shown on the public page.',
        )}
      </Text>
      <Group align="end">
        <NativeSelect
          label={t('Lĩnh vực', 'Field')}
          value={field}
          onChange={(e) => setField(e.currentTarget.value)}
          data={[{ value: '', label: t('Tất cả', 'All') }, ...fields.map((f) => ({ value: f, label: f }))]}
        />
        <NativeSelect
          label={t('Mức độ', 'Level')}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value)}
          data={[
            { value: '', label: t('Tất cả', 'All') },
            ...Object.keys(LEVEL).map((l) => ({ value: l, label: label(LEVEL, l) })),
          ]}
        />
      </Group>
      {error && (
        <Alert color="red" role="alert" title={t('Không thực hiện được', 'Not done')}>
          {msg(error)}
        </Alert>
      )}
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : list.error ? null : rows.length === 0 ? (
        <Text>{t('Danh mục chưa có dịch vụ nào.', 'The catalogue is empty.')}</Text>
      ) : (
        <Table striped aria-label={t('Danh mục dịch vụ', 'The catalogue')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Mã', 'Code')}</Table.Th>
              <Table.Th>{t('Tên thủ tục', 'Procedure')}</Table.Th>
              <Table.Th>{t('Lĩnh vực', 'Field')}</Table.Th>
              <Table.Th>{t('Mức độ', 'Level')}</Table.Th>
              <Table.Th>{t('Hồ sơ tiếp nhận / đã giải quyết', 'Dossiers received / processed')}</Table.Th>
              <Table.Th>{t('Tình trạng', 'Standing')}</Table.Th>
              <Table.Th>{t('Thao tác', 'Action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.code}</Table.Td>
                <Table.Td>
                  <Anchor href={s.portalUrl} target="_blank" rel="noreferrer">
                    {(lang === 'en' && s.nameEn) || s.nameVi}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.field}</Table.Td>
                <Table.Td>{label(LEVEL, s.level)}</Table.Td>
                <Table.Td>
                  {s.receivedCount ?? '—'} / {s.processedCount ?? '—'}
                  {s.countsAsOf ? ` (${dmy(s.countsAsOf)})` : ''}
                </Table.Td>
                <Table.Td>
                  {s.withdrawnAt ? (
                    <Badge color="#495057" variant="filled" radius="sm" tt="none">
                      {t('Đã rút', 'Withdrawn')}
                    </Badge>
                  ) : (
                    t('Đang công khai', 'Listed')
                  )}
                </Table.Td>
                <Table.Td>
                  {s.withdrawnAt ? (
                    <Button
                      size="compact-sm"
                      variant="outline"
                      aria-label={t(`Khôi phục ${s.code}`, `Restore ${s.code}`)}
                      onClick={() => void setStanding(s.code, false)}
                    >
                      {t('Khôi phục', 'Restore')}
                    </Button>
                  ) : (
                    <Button
                      size="compact-sm"
                      variant="outline"
                      color="#c92a2a"
                      aria-label={t(`Rút ${s.code} khỏi danh mục`, `Withdraw ${s.code}`)}
                      onClick={() => void setStanding(s.code, true)}
                    >
                      {t('Rút', 'Withdraw')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!list.error && (
        <ImportCard
          id="services-import"
          title={t('Nhập danh mục từ tệp', 'Import the catalogue from a file')}
          help={t(
            'Tệp CSV hoặc JSON theo định dạng của hướng dẫn (theo mã thủ tục): mã mới cần tên, lĩnh vực, mức độ và liên kết; mã đã có được cập nhật những ô có giá trị; status WITHDRAWN rút, ACTIVE khôi phục. Chạy thử trước; tệp có lỗi thì không dòng nào được ghi.',
            'A CSV or JSON file in the documented format (by procedure code): a new code needs name, field, level and link; a known one gets the cells given; status WITHDRAWN withdraws, ACTIVE restores. Dry-run first; a file with a problem writes nothing.',
          )}
          sample={SAMPLE}
          run={run}
          onImported={refresh}
        />
      )}
    </Stack>
  );
}
