import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge, Button, Group, NativeSelect, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { PortalTreeDoc } from '../../api/admin-documents';
import type { AdminPortalTreeQuery } from '../../gql/graphql';
import { useI18n, useLabel } from '../../i18n';
import { Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { HOST_ROLES, TENANT_KINDS, TENANT_STATUS } from './labels';
import { ProvisionForm } from './ProvisionForm';
import { TreeFile } from './TreeFile';
import { MoveRetire } from './MoveRetire';

export type TreeNode = AdminPortalTreeQuery['portalTree'][number];

const STATUS_COLOR: Record<string, string> = {
  ACTIVE: '#1f6f2e',
  SUSPENDED: '#a23b00',
  MERGED: '#495057',
  RETIRED: '#212529',
};

export function useTree() {
  return useQuery({ queryKey: ['portal-tree'], queryFn: () => gql(PortalTreeDoc), retry: false });
}

/** The subtree this operator administers: search, kinds, hosts, status; provision, apply, move, retire. */
export function PortalTree() {
  const { t } = useI18n();
  const title = t('Cây cổng thông tin', 'Portal tree');
  usePageTitle(title);
  const tree = useTree();
  const [tab, setTab] = useState<string | null>('tree');
  if (tree.isLoading) return <Loading />;
  if (tree.error || !tree.data) return <Refused title={title} error={tree.error} />;
  const nodes = tree.data.portalTree;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1}>{title}</Title>
        <Button component={Link} to="/cay-cong/hop-nhat" variant="outline">
          {t('Hợp nhất cổng…', 'Merge portals…')}
        </Button>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="tree">{t('Danh sách cổng', 'Portals')}</Tabs.Tab>
          <Tabs.Tab value="provision">{t('Tạo cổng mới', 'New portal')}</Tabs.Tab>
          <Tabs.Tab value="file">{t('Áp dụng tệp cây (YAML)', 'Apply a tree file (YAML)')}</Tabs.Tab>
          <Tabs.Tab value="move">{t('Chuyển, giải thể', 'Move, retire')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tree">
          <TreeTable nodes={nodes} />
        </Tabs.Panel>
        <Tabs.Panel value="provision">
          <ProvisionForm nodes={nodes} onDone={() => void tree.refetch()} />
        </Tabs.Panel>
        <Tabs.Panel value="file">
          <TreeFile onDone={() => void tree.refetch()} />
        </Tabs.Panel>
        <Tabs.Panel value="move">
          <MoveRetire nodes={nodes} onDone={() => void tree.refetch()} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function TreeTable({ nodes }: { nodes: TreeNode[] }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase();
  const shown = useMemo(() => {
    const needle = fold(q.trim());
    return nodes.filter(
      (n) =>
        (!kind || n.kind === kind) &&
        (!status || n.status === status) &&
        (!needle ||
          fold(`${n.nameVi} ${n.nameEn ?? ''} ${n.label} ${n.unitCode ?? ''}`).includes(needle) ||
          n.hosts.some((h) => h.host.includes(needle))),
    );
  }, [nodes, q, kind, status]);
  const names = new Map(nodes.map((n) => [n.id, n.nameVi]));
  const options = (table: Record<string, [string, string]>, all: string) => [
    { value: '', label: all },
    ...Object.keys(table).map((k) => ({ value: k, label: label(table, k) })),
  ];
  return (
    <>
      <Group align="end" mb="md">
        <TextInput
          label={t('Tìm theo tên, tên miền, mã đơn vị', 'Search by name, host, unit code')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
        />
        <NativeSelect
          label={t('Loại cổng', 'Kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={options(TENANT_KINDS, t('Tất cả', 'All'))}
        />
        <NativeSelect
          label={t('Trạng thái', 'Status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={options(TENANT_STATUS, t('Tất cả', 'All'))}
        />
      </Group>
      <Text size="sm" mb="xs" role="status">
        {t(`${shown.length} / ${nodes.length} cổng`, `${shown.length} of ${nodes.length} portals`)}
      </Text>
      <Table striped withTableBorder aria-label={t('Cây cổng thông tin', 'Portal tree')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Cổng', 'Portal')}</Table.Th>
            <Table.Th>{t('Loại', 'Kind')}</Table.Th>
            <Table.Th>{t('Tên miền', 'Hosts')}</Table.Th>
            <Table.Th>{t('Trạng thái', 'Status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((n) => (
            <Table.Tr key={n.id} data-portal={n.primaryHost}>
              <Table.Td style={{ paddingLeft: `${0.75 + n.depth * 1.5}rem` }}>
                <Text fw={n.depth === 0 ? 700 : 500} size="sm">
                  {n.depth > 0 && '└ '}
                  {lang === 'en' && n.nameEn ? n.nameEn : n.nameVi}
                </Text>
                {n.unitCode && (
                  <Text size="xs" c="dimmed">
                    {t('Mã đơn vị', 'Unit code')} {n.unitCode}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{label(TENANT_KINDS, n.kind)}</Table.Td>
              <Table.Td>
                {n.hosts.map((h) => (
                  <Text key={h.host} size="sm" fw={h.role === 'PRIMARY' ? 600 : 400}>
                    {h.host}
                    {h.role !== 'PRIMARY' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({label(HOST_ROLES, h.role)})
                      </Text>
                    )}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[n.status]} variant="filled" radius="sm" tt="none">
                  {label(TENANT_STATUS, n.status)}
                </Badge>
                {n.successorId && <Text size="xs">→ {names.get(n.successorId) ?? n.successorId}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
