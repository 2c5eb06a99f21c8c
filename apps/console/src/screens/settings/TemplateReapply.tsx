import { useState } from 'react';
import { Alert, Button, Card, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import type { ApiError } from '../../api/session';
import { ReapplyTemplateDoc } from '../../api/settings-documents';
import type { ConsoleReapplyTemplateMutation } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { notify } from '../../ui/common';

type Report = Extract<
  ConsoleReapplyTemplateMutation['reapplyPortalTemplate'],
  { __typename: 'TemplateReapplyReport' }
>;

const TEMPLATES = ['province', 'department', 'district', 'commune', 'thematic'];

/**
 * A template change carried to the portals made from it below this one: a dry run shows, portal by
 * portal, what would change and which parts are skipped (the portal changed them itself); then the
 * apply makes exactly those changes.
 */
export function TemplateReapply({ template }: { template: string }) {
  const { t, msg, lang } = useI18n();
  const [name, setName] = useState(template);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(ReapplyTemplateDoc, { template: name, dryRun })).reapplyPortalTemplate;
      if (r.__typename === 'InputError') setError(r);
      else {
        setReport(r);
        if (!dryRun) notify(t('Đã áp dụng lại mẫu.', 'The template was re-applied.'));
      }
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="reapply-title">
      <Title order={3} size="h4" id="reapply-title" mb="xs">
        {t('Áp dụng lại mẫu cổng', 'Re-apply a portal template')}
      </Title>
      <Stack>
        <Text size="sm">
          {t(
            'Sau khi mẫu thay đổi, mang thay đổi đến các cổng tạo từ mẫu ở cấp này và bên dưới; phần nào cổng đã tự sửa thì bỏ qua. Chạy thử trước để xem từng cổng sẽ đổi gì.',
            'After a template changed, carry the change to the portals made from it here and below; a part a portal changed itself is skipped. Run a dry run first to see what each portal would get.',
          )}
        </Text>
        <Group align="end">
          <NativeSelect
            label={t('Mẫu', 'Template')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setReport(null);
            }}
            data={TEMPLATES}
          />
          <Button variant="default" loading={busy} onClick={() => go(true)}>
            {t('Chạy thử', 'Dry run')}
          </Button>
          <Button loading={busy} disabled={!report?.dryRun} onClick={() => go(false)}>
            {t('Áp dụng', 'Apply')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {msg(error)}
          </Alert>
        )}
        {report && (
          <Table striped aria-label={t('Kết quả theo từng cổng', 'Per-portal result')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
                <Table.Th>
                  {report.dryRun ? t('Sẽ thay đổi', 'Would change') : t('Đã thay đổi', 'Changed')}
                </Table.Th>
                <Table.Th>{t('Bỏ qua', 'Skipped')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.portals.map((p) => (
                <Table.Tr key={p.tenantId}>
                  <Table.Td>
                    {p.nameVi}
                    <Text size="xs">{p.primaryHost}</Text>
                  </Table.Td>
                  <Table.Td>
                    {p.changes.length === 0 ? (
                      '—'
                    ) : (
                      <List size="sm">
                        {p.changes.map((c) => (
                          <List.Item key={c.part + c.action}>
                            {c.action} {c.part}: {c.detail}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.skipped.length === 0 ? (
                      '—'
                    ) : (
                      <List size="sm">
                        {p.skipped.map((s) => (
                          <List.Item key={s.part}>
                            {s.part}: {lang === 'en' ? s.reasonEn : s.reasonVi}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
