import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { CreateRuleDoc, DisableRuleDoc, RulesDoc } from '../../api/federation-documents';
import type { ContentKind, TenantKind } from '../../gql/graphql';
import { fmtDateTime, KINDS, useI18n, useLabel } from '../../i18n';
import { Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { useMe } from '../me';
import { categoryName, PORTAL_KINDS, useAction } from './shared';

// The kinds a portal below is likely to propose; the rest stay with the board's own decision.
const RULE_KINDS = [
  'NEWS',
  'ANNOUNCEMENT',
  'DIRECTIVE',
  'LEGAL_DOCUMENT',
  'WORK_SCHEDULE',
  'STATISTICS_REPORT',
];

/** Standing auto-accept rules: a matching proposal is accepted at once into the rule's category. */
export function Rules() {
  const { t, lang } = useI18n();
  const label = useLabel();
  usePageTitle(t('Quy tắc tự động nhận đăng', 'Auto-accept rules'));
  const me = useMe();
  const tenantId = me.data?.portal.id ?? '';
  const rules = useQuery({
    queryKey: ['rules', tenantId],
    queryFn: () => gql(RulesDoc, { tenantId }),
    enabled: !!tenantId,
  });
  const create = useAction();
  const disable = useAction();
  const [kinds, setKinds] = useState<string[]>([]);
  const [portalKinds, setPortalKinds] = useState<string[]>([]);
  const [categoryId, setCategoryId] = useState('');
  if (!me.data || rules.isLoading) return <Loading />;
  if (rules.error)
    return <Refused title={t('Quy tắc tự động nhận đăng', 'Auto-accept rules')} error={rules.error} />;
  const categories = rules.data!.categories;
  const list = (values: readonly string[] | null | undefined, table: Record<string, [string, string]>) =>
    values?.length ? values.map((v) => label(table, v)).join(', ') : t('Mọi loại', 'Any');
  return (
    <Stack>
      <Title order={1}>{t('Quy tắc tự động nhận đăng', 'Auto-accept rules')}</Title>
      <Text>
        {t(
          'Đề xuất khớp một quy tắc đang hiệu lực được nhận đăng ngay vào chuyên mục của quy tắc, không chờ ban biên tập.',
          'A proposal matching a rule in force is accepted at once into the rule’s category.',
        )}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Loại bài', 'Kinds of item')}</Table.Th>
            <Table.Th>{t('Loại cổng gửi', 'Kinds of sending portal')}</Table.Th>
            <Table.Th>{t('Chuyên mục', 'Category')}</Table.Th>
            <Table.Th>{t('Tạo lúc', 'Created')}</Table.Th>
            <Table.Th>{t('Trạng thái', 'State')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.data!.syndicationRules.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{list(r.kinds, KINDS)}</Table.Td>
              <Table.Td>{list(r.sourcePortalKinds, PORTAL_KINDS)}</Table.Td>
              <Table.Td>{categoryName(lang, categories, r.categoryId)}</Table.Td>
              <Table.Td>{fmtDateTime(r.createdAt)}</Table.Td>
              <Table.Td>
                {r.disabledAt ? (
                  `${t('Đã tắt', 'Disabled')} ${fmtDateTime(r.disabledAt)}`
                ) : (
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    loading={disable.busy}
                    onClick={() =>
                      void disable.run(
                        async () => (await gql(DisableRuleDoc, { id: r.id })).disableSyndicationRule,
                        t('Đã tắt quy tắc.', 'Rule disabled.'),
                        ['rules'],
                      )
                    }
                  >
                    {t('Tắt quy tắc', 'Disable')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {disable.alert}
      <Paper withBorder p="md" component="section" aria-labelledby="new-rule">
        <Stack>
          <Title order={2} size="h3" id="new-rule">
            {t('Thêm quy tắc', 'New rule')}
          </Title>
          {create.alert}
          <Checkbox.Group
            label={t('Loại bài (để trống: mọi loại)', 'Kinds of item (none: any)')}
            value={kinds}
            onChange={setKinds}
            error={create.fieldError('kinds')}
          >
            <Group mt="xs">
              {RULE_KINDS.map((k) => (
                <Checkbox key={k} value={k} label={label(KINDS, k)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox.Group
            label={t('Loại cổng gửi (để trống: mọi loại)', 'Kinds of sending portal (none: any)')}
            value={portalKinds}
            onChange={setPortalKinds}
            error={create.fieldError('sourcePortalKinds')}
          >
            <Group mt="xs">
              {Object.keys(PORTAL_KINDS).map((k) => (
                <Checkbox key={k} value={k} label={label(PORTAL_KINDS, k)} />
              ))}
            </Group>
          </Checkbox.Group>
          <NativeSelect
            label={t('Chuyên mục đăng', 'Category')}
            value={categoryId}
            onChange={(e) => setCategoryId(e.currentTarget.value)}
            data={[
              { value: '', label: t('— Theo loại bài —', '— By the item’s kind —') },
              ...categories.map((c) => ({ value: c.id, label: categoryName(lang, categories, c.id) })),
            ]}
            error={create.fieldError('categoryId')}
          />
          <Group>
            <Button
              loading={create.busy}
              onClick={() =>
                void create.run(
                  async () =>
                    (
                      await gql(CreateRuleDoc, {
                        input: {
                          tenantId,
                          kinds: kinds.length ? (kinds as ContentKind[]) : null,
                          sourcePortalKinds: portalKinds.length ? (portalKinds as TenantKind[]) : null,
                          categoryId: categoryId || null,
                        },
                      })
                    ).createSyndicationRule,
                  t('Đã thêm quy tắc.', 'Rule added.'),
                  ['rules'],
                )
              }
            >
              {t('Thêm quy tắc', 'Add the rule')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
