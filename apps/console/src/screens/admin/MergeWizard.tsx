import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  NativeSelect,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { gql } from '../../api/graphql';
import { MergeDoc, MergePreviewDoc } from '../../api/admin-documents';
import type { AdminMergePreviewQuery, RoleMappingAction } from '../../gql/graphql';
import type { ApiError } from '../../api/session';
import { useI18n, useLabel, ROLES } from '../../i18n';
import { Loading, usePageTitle } from '../../ui/common';
import { Refused } from '../../ui/refused';
import { MERGE_COUNTS, MERGE_PARTICIPANTS, SCOPES } from './labels';
import { thrown } from './form-errors';
import { useTree, type TreeNode } from './PortalTree';

type Preview = Extract<AdminMergePreviewQuery['mergePreview'], { __typename: 'MergePreview' }>;
type Plan = {
  categoryMapping: Array<{ sourceCategoryId: string; targetCategoryId: string | null }>;
  roleMapping: Array<{ assignmentId: string; action: RoleMappingAction }>;
};

const planOf = (p: Preview): Plan => ({
  categoryMapping: p.plan.categoryMapping.map((c) => ({
    sourceCategoryId: c.sourceCategoryId,
    targetCategoryId: c.targetCategoryId ?? null,
  })),
  roleMapping: p.plan.roleMapping.map((r) => ({ assignmentId: r.assignmentId, action: r.action })),
});

/**
 * The merge wizard (the 2025 reform): choose the portals, see what the dry run would move, map
 * every category and role, confirm; the old hosts then answer 301 to the new home.
 */
export function MergeWizard() {
  const { t, msg } = useI18n();
  const title = t('Hợp nhất cổng', 'Merge portals');
  usePageTitle(title);
  const tree = useTree();
  const [step, setStep] = useState(0);
  const [sources, setSources] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sure, setSure] = useState(false);
  const [merged, setMerged] = useState<{ nameVi: string; primaryHost: string; oldHosts: string[] } | null>(
    null,
  );
  if (tree.isLoading) return <Loading />;
  if (tree.error || !tree.data) return <Refused title={title} error={tree.error} />;
  const nodes = tree.data.portalTree.filter(
    (n) => n.mayRestructure && (n.status === 'ACTIVE' || n.status === 'SUSPENDED') && n.depth > 0,
  );
  const byId = new Map(tree.data.portalTree.map((n) => [n.id, n]));

  const dryRun = async (withPlan: Plan | null) => {
    setBusy(true);
    setError(null);
    try {
      const r = (
        await gql(MergePreviewDoc, { input: { sourceIds: sources, targetId: target, plan: withPlan } })
      ).mergePreview;
      if (r.__typename === 'InputError') setError(r);
      else {
        setPreview(r);
        setPlan(withPlan ?? planOf(r));
        setStep(withPlan ? 3 : 1);
      }
    } catch (e) {
      setError(thrown(e));
    }
    setBusy(false);
  };
  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(MergeDoc, { input: { sourceIds: sources, targetId: target, plan } })).mergeTenants;
      if (r.__typename === 'InputError') setError(r);
      else {
        setMerged({
          nameVi: r.nameVi,
          primaryHost: r.primaryHost,
          oldHosts: sources.map((s) => byId.get(s)?.primaryHost ?? s),
        });
        setStep(4);
        void tree.refetch();
      }
    } catch (e) {
      setError(thrown(e));
    }
    setBusy(false);
  };

  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Anchor component={Link} to="/cay-cong">
          {t('← Cây cổng thông tin', '← Portal tree')}
        </Anchor>
      </Group>
      {error && (
        <Alert color="red" role="alert" title={t('Chưa hợp nhất được', 'The merge cannot go ahead')}>
          {msg(error)}
        </Alert>
      )}
      <Stepper active={step} onStepClick={(s) => s < step && step < 4 && setStep(s)} size="sm">
        <Stepper.Step label={t('Chọn cổng', 'Choose portals')}>
          <ChoosePortals
            nodes={nodes}
            sources={sources}
            target={target}
            setSources={setSources}
            setTarget={setTarget}
          />
          <Button
            mt="md"
            loading={busy}
            disabled={sources.length === 0 || !target}
            onClick={() => void dryRun(null)}
          >
            {t('Chạy thử', 'Dry run')}
          </Button>
        </Stepper.Step>
        <Stepper.Step label={t('Kết quả chạy thử', 'Dry run')}>
          {preview && <Counts preview={preview} />}
          <Button mt="md" onClick={() => setStep(2)}>
            {t('Tiếp: ánh xạ chuyên mục và vai trò', 'Next: map categories and roles')}
          </Button>
        </Stepper.Step>
        <Stepper.Step label={t('Ánh xạ', 'Mapping')}>
          {preview && plan && <Mapping preview={preview} plan={plan} setPlan={setPlan} byId={byId} />}
          <Button mt="md" loading={busy} onClick={() => void dryRun(plan)}>
            {t('Kiểm tra kế hoạch', 'Check the plan')}
          </Button>
        </Stepper.Step>
        <Stepper.Step label={t('Xác nhận', 'Confirm')}>
          {preview && <Counts preview={preview} />}
          <Checkbox
            mt="md"
            checked={sure}
            onChange={(e) => setSure(e.currentTarget.checked)}
            label={t(
              `Hợp nhất ${preview?.sources.map((s) => s.nameVi).join(', ')} vào ${preview?.target.nameVi}. Không thể hoàn tác.`,
              `Merge ${preview?.sources.map((s) => s.nameVi).join(', ')} into ${preview?.target.nameVi}. This cannot be undone.`,
            )}
          />
          <Button mt="md" color="red.9" loading={busy} disabled={!sure} onClick={() => void confirm()}>
            {t('Hợp nhất', 'Merge')}
          </Button>
        </Stepper.Step>
        <Stepper.Completed>
          {merged && (
            <Alert color="green" role="status" title={t('Đã hợp nhất', 'Merged')}>
              <Text>
                {t('Trang chủ mới: ', 'New home: ')}
                <Code>{merged.primaryHost}</Code> ({merged.nameVi})
              </Text>
              <Text mt="xs">
                {t(
                  'Các địa chỉ cũ nay chuyển hướng 301 tới trang mới:',
                  'The old hosts now answer 301 to the new home:',
                )}
              </Text>
              <List size="sm">
                {merged.oldHosts.map((h) => (
                  <List.Item key={h}>
                    <Code>{h}</Code> → <Code>{merged.primaryHost}</Code>
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}

function ChoosePortals(props: {
  nodes: TreeNode[];
  sources: string[];
  target: string;
  setSources: (s: string[]) => void;
  setTarget: (s: string) => void;
}) {
  const { t } = useI18n();
  const { nodes, sources, target } = props;
  return (
    <Stack>
      <Checkbox.Group
        label={t('Các cổng được hợp nhất (nguồn)', 'Portals to merge (sources)')}
        value={sources}
        onChange={props.setSources}
      >
        <Stack gap={4} mt="xs">
          {nodes
            .filter((n) => n.id !== target)
            .map((n) => (
              <Checkbox key={n.id} value={n.id} label={`${n.nameVi} (${n.primaryHost})`} />
            ))}
        </Stack>
      </Checkbox.Group>
      <NativeSelect
        label={t('Cổng tiếp nhận (đích)', 'Receiving portal (target)')}
        value={target}
        onChange={(e) => {
          props.setTarget(e.currentTarget.value);
          props.setSources(sources.filter((s) => s !== e.currentTarget.value));
        }}
        data={[
          { value: '', label: t('— Chọn —', '— Choose —') },
          ...nodes.map((n) => ({ value: n.id, label: `${n.nameVi} (${n.primaryHost})` })),
        ]}
      />
    </Stack>
  );
}

function Counts({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Table
      withTableBorder
      striped
      aria-label={t('Số lượng sẽ chuyển', 'What would move')}
      data-testid="merge-counts"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('Phần', 'Part')}</Table.Th>
          <Table.Th>{t('Số lượng', 'Counts')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.participants.map((p) => (
          <Table.Tr key={p.participant}>
            <Table.Td>{label(MERGE_PARTICIPANTS, p.participant)}</Table.Td>
            <Table.Td>
              {p.counts.map((c) => (
                <Text key={c.name} span size="sm" mr="md">
                  {label(MERGE_COUNTS, c.name)}: <b>{c.value}</b>
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Mapping({
  preview,
  plan,
  setPlan,
  byId,
}: {
  preview: Preview;
  plan: Plan;
  setPlan: (p: Plan) => void;
  byId: Map<string, TreeNode>;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const categoryTarget = new Map(plan.categoryMapping.map((c) => [c.sourceCategoryId, c.targetCategoryId]));
  const roleAction = new Map(plan.roleMapping.map((r) => [r.assignmentId, r.action]));
  const targetOptions = [
    { value: '', label: t('Sao chép sang cổng đích', 'Copy into the target') },
    ...preview.targetCategories.map((c) => ({ value: c.id, label: `${c.nameVi} (${c.slugPath})` })),
  ];
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('Chuyên mục', 'Categories')}
      </Title>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('Chuyên mục nguồn', 'Source category')}</Table.Th>
            <Table.Th>{t('Chuyển vào', 'Goes to')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.plan.categoryMapping.map((c) => (
            <Table.Tr key={c.sourceCategoryId}>
              <Table.Td>
                <Text size="sm">{c.nameVi}</Text>
                <Text size="xs" c="dimmed">
                  {byId.get(c.sourceTenantId)?.nameVi} · {c.slugPath}
                </Text>
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t(`Chuyển chuyên mục ${c.slugPath} vào`, `Map category ${c.slugPath} to`)}
                  value={categoryTarget.get(c.sourceCategoryId) ?? ''}
                  data={targetOptions}
                  onChange={(e) => {
                    const value = e.currentTarget.value || null;
                    setPlan({
                      ...plan,
                      categoryMapping: plan.categoryMapping.map((m) =>
                        m.sourceCategoryId === c.sourceCategoryId ? { ...m, targetCategoryId: value } : m,
                      ),
                    });
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h3">
        {t('Vai trò', 'Roles')}
      </Title>
      {preview.plan.roleMapping.length === 0 && (
        <Text size="sm">
          {t('Các cổng nguồn không có vai trò nào đang hiệu lực.', 'No live roles on the sources.')}
        </Text>
      )}
      {preview.plan.roleMapping.length > 0 && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('Tài khoản', 'Account')}</Table.Th>
              <Table.Th>{t('Vai trò', 'Role')}</Table.Th>
              <Table.Th>{t('Xử lý', 'Action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.plan.roleMapping.map((r) => (
              <Table.Tr key={r.assignmentId}>
                <Table.Td>
                  {r.username}
                  <Text size="xs" c="dimmed">
                    {byId.get(r.sourceTenantId)?.nameVi}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {label(ROLES, r.role)} · {label(SCOPES, r.scope)}
                  {r.duplicate && (
                    <Text size="xs">{t('(đã có trên cổng đích)', '(already held on the target)')}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t(`Xử lý vai trò của ${r.username}`, `What to do with ${r.username}'s role`)}
                    value={roleAction.get(r.assignmentId) ?? r.action}
                    data={[
                      { value: 'MOVE', label: t('Chuyển sang cổng đích', 'Move to the target') },
                      { value: 'REVOKE', label: t('Thu hồi', 'Revoke') },
                    ]}
                    onChange={(e) => {
                      const action = e.currentTarget.value as RoleMappingAction;
                      setPlan({
                        ...plan,
                        roleMapping: plan.roleMapping.map((m) =>
                          m.assignmentId === r.assignmentId ? { ...m, action } : m,
                        ),
                      });
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
