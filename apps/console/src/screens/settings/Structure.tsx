import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, List, SimpleGrid, Text, Title } from '@mantine/core';
import { gql } from '../../api/graphql';
import { SiteStructureDoc } from '../../api/settings-documents';
import type { ConsoleSiteStructureQuery } from '../../gql/graphql';
import { KINDS, useI18n, useLabel } from '../../i18n';
import { ErrorBox, Loading } from '../../ui/common';

type Category = ConsoleSiteStructureQuery['categories'][number];
type MenuItem = ConsoleSiteStructureQuery['mainMenu'][number];

function Tree<T extends { id: string; parentId?: string | null }>({
  items,
  parent,
  render,
}: {
  items: T[];
  parent: string | null;
  render: (item: T) => ReactNode;
}) {
  const level = items.filter((i) => (i.parentId ?? null) === parent);
  if (level.length === 0) return null;
  return (
    <List withPadding={parent !== null} spacing={2}>
      {level.map((i) => (
        <List.Item key={i.id}>
          {render(i)}
          <Tree items={items} parent={i.id} render={render} />
        </List.Item>
      ))}
    </List>
  );
}

/** The portal's categories and menus, as the public website shows them (read here; changed elsewhere). */
export function Structure() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const q = useQuery({ queryKey: ['site-structure'], queryFn: () => gql(SiteStructureDoc) });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorBox error={q.error} />;
  const categories = [...q.data.categories].sort((a, b) => a.position - b.position);
  const category = (c: Category) => (
    <>
      {lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi}{' '}
      <Text span size="xs" c="dimmed">
        /{c.slug}
        {c.contentKind && ` · ${label(KINDS, c.contentKind)}`}
      </Text>
    </>
  );
  const menuItem = (m: MenuItem) => (
    <>
      {m.label}{' '}
      {m.url && (
        <Text span size="xs" c="dimmed">
          {m.url}
        </Text>
      )}
    </>
  );
  return (
    <>
      <Text size="sm">
        {t(
          'Chuyên mục và menu đến từ mẫu của loại cổng và tệp cấu trúc cây cổng (lệnh portal tenants apply); khi sáp nhập, chúng được ánh xạ sang cổng mới. Màn hình này cho xem; việc sửa trực tiếp chưa có.',
          'Categories and menus come from the portal kind’s template and the tree manifest (portal tenants apply); a merge maps them onto the new portal. This screen shows them; editing them here is not available yet.',
        )}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder component="section" aria-labelledby="categories-title">
          <Title order={3} size="h4" id="categories-title" mb="xs">
            {t('Chuyên mục', 'Categories')} ({categories.length})
          </Title>
          <Tree items={categories} parent={null} render={category} />
        </Card>
        <Card withBorder component="section" aria-labelledby="main-menu-title">
          <Title order={3} size="h4" id="main-menu-title" mb="xs">
            {t('Menu chính', 'Main menu')}
          </Title>
          {q.data.mainMenu.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <Tree items={q.data.mainMenu} parent={null} render={menuItem} />
          )}
        </Card>
        <Card withBorder component="section" aria-labelledby="footer-menu-title">
          <Title order={3} size="h4" id="footer-menu-title" mb="xs">
            {t('Menu chân trang', 'Footer menu')}
          </Title>
          {q.data.footerMenu.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <Tree items={q.data.footerMenu} parent={null} render={menuItem} />
          )}
        </Card>
      </SimpleGrid>
    </>
  );
}
