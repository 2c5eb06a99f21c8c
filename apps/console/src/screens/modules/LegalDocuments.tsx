import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Anchor, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { ImportLegalDocumentsDoc, LegalDocumentsDoc } from '../../api/modules-documents';
import type { LegalValidity } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading, usePageTitle } from '../../ui/common';
import { ImportCard, type ImportAnswer, type ImportFormat } from './ImportCard';
import { VALIDITY, dmy } from './labels';

const SAMPLE = `number,title,form,issuer,issueDate,excerpt,validity,expiryDate,nationalDbUrl,replaces
12/2023/QĐ-UBND,,,,,,EXPIRED,2026-06-01,,
16/2026/QĐ-UBND,Quy định về vỉa hè,QUYET_DINH,Ủy ban nhân dân phường,2026-08-01,Quy định quản lý vỉa hè,IN_FORCE,,https://vbpl.vn/…,12/2023/QĐ-UBND`;

/**
 * The portal's legal documents by validity (published ones, as the public search finds them), each
 * opening its item page where validity and relations are set; and the import of a list of documents
 * (docs/editorial.md) with a dry run first.
 */
export function LegalDocuments() {
  const { t } = useI18n();
  const label = useLabel();
  usePageTitle(t('Văn bản pháp luật', 'Legal documents'));
  const client = useQueryClient();
  const [validity, setValidity] = useState('');
  const [number, setNumber] = useState('');
  const list = useQuery({
    queryKey: ['legalDocuments', validity, number],
    queryFn: () =>
      gql(LegalDocumentsDoc, {
        filter: {
          validity: (validity || null) as LegalValidity | null,
          number: number.trim() || null,
          first: 100,
        },
      }),
  });
  const run = async (format: ImportFormat, content: string, dryRun: boolean): Promise<ImportAnswer> => {
    const r = (await gql(ImportLegalDocumentsDoc, { input: { format, content, dryRun } }))
      .importLegalDocuments;
    if (r.__typename === 'ImportRejected') return { kind: 'rejected', errors: r.errors };
    const what = dryRun ? ['Chạy thử: sẽ', 'Dry run: would'] : ['Đã nhập:', 'Imported:'];
    return {
      kind: 'report',
      dryRun: r.dryRun,
      summaryVi: `${what[0]} tạo ${r.created} bản nháp, cập nhật ${r.updated}, giữ nguyên ${r.unchanged} văn bản, thêm ${r.relationsAdded} quan hệ.`,
      summaryEn: `${what[1]} ${r.created} new draft(s), ${r.updated} updated, ${r.unchanged} unchanged, ${r.relationsAdded} relation(s) added.`,
    };
  };
  const rows = list.data?.legalDocuments ?? [];
  return (
    <Stack>
      <Title order={1}>{t('Văn bản pháp luật', 'Legal documents')}</Title>
      <Text>
        {t(
          'Văn bản đã đăng của cổng theo tình trạng hiệu lực. Mở một văn bản để ghi hiệu lực, ngày hết hiệu lực, liên kết tới Cơ sở dữ liệu quốc gia và các văn bản liên quan.',
          'The portal’s published documents by validity. Open one to state its validity, expiry date, national database link and related documents.',
        )}
      </Text>
      <Group align="end">
        <NativeSelect
          label={t('Hiệu lực', 'Validity')}
          value={validity}
          onChange={(e) => setValidity(e.currentTarget.value)}
          data={[
            { value: '', label: t('Tất cả', 'All') },
            ...Object.keys(VALIDITY).map((v) => ({ value: v, label: label(VALIDITY, v) })),
          ]}
        />
        <TextInput
          label={t('Số, ký hiệu', 'Number')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
        />
      </Group>
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text>{t('Không có văn bản nào.', 'No documents.')}</Text>
      ) : (
        <Table striped aria-label={t('Văn bản pháp luật', 'Legal documents')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Số, ký hiệu', 'Number')}</Table.Th>
              <Table.Th>{t('Tên văn bản', 'Title')}</Table.Th>
              <Table.Th>{t('Ngày ban hành', 'Issued')}</Table.Th>
              <Table.Th>{t('Hiệu lực hôm nay', 'Validity today')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{String(d.fields.number ?? '—')}</Table.Td>
                <Table.Td>
                  <Anchor renderRoot={(p) => <Link {...p} to="/noi-dung/$id" params={{ id: d.id }} />}>
                    {d.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{dmy(d.fields.issueDate as string | undefined)}</Table.Td>
                <Table.Td>
                  {d.legalValidity ? label(VALIDITY, d.legalValidity) : t('chưa ghi', 'not stated')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ImportCard
        id="legal-import"
        title={t('Nhập danh sách văn bản từ tệp', 'Import a list of documents')}
        help={t(
          'Tệp CSV hoặc JSON theo định dạng của hướng dẫn biên tập: số đã có được cập nhật hiệu lực và quan hệ, số mới thành bản nháp. Chạy thử trước; tệp có lỗi thì không dòng nào được ghi.',
          'A CSV or JSON file in the format of the editorial manual: known numbers get validity and relations, new ones become drafts. Dry-run first; a file with a problem writes nothing.',
        )}
        sample={SAMPLE}
        run={run}
        onImported={() => client.invalidateQueries({ queryKey: ['legalDocuments'] })}
      />
    </Stack>
  );
}
