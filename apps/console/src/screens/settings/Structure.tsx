import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { gql, GqlError } from '../../api/graphql';
import type { ApiError } from '../../api/session';
import {
  CreateSiteCategoryDoc,
  CreateSiteMenuEntryDoc,
  MoveSiteCategoryDoc,
  MoveSiteMenuEntryDoc,
  SetSiteCategoryHiddenDoc,
  SetSiteMenuEntryHiddenDoc,
  SiteStructureDoc,
  UpdateSiteCategoryDoc,
  UpdateSiteMenuEntryDoc,
} from '../../api/settings-documents';
import type { ConsoleSiteStructureQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, notify } from '../../ui/common';
import { TemplateReapply } from './TemplateReapply';

type Structure = Extract<ConsoleSiteStructureQuery['siteStructure'], { __typename: 'SiteStructure' }>;
type Category = Structure['categories'][number];
type Entry = Structure['menuEntries'][number];
type Lang = 'vi' | 'en';

/** Any mutation's typed answer: the object, or an InputError naming the field. */
type Answer = { __typename: string } & Partial<ApiError>;

/**
 * The editor of the portal's structure (517/QĐ-SNV art. 3.2.b–c; 05/2024/QĐ-UBND art. 8.3): the
 * categories as a tree and the two menus, in the language chosen; every change by buttons (no
 * dragging), each one a mutation the server checks. A rename keeps the old address answering 301.
 */
export function Structure({ mayReapply }: { mayReapply: boolean }) {
  const { t, msg } = useI18n();
  const client = useQueryClient();
  const [lang, setLang] = useState<Lang>('vi');
  const [error, setError] = useState<ApiError | null>(null);
  const q = useQuery({ queryKey: ['site-structure'], queryFn: () => gql(SiteStructureDoc) });
  if (q.isLoading) return <Loading />;
  const s = q.data?.siteStructure;
  if (!s) return <ErrorBox error={q.error} />;
  if (s.__typename !== 'SiteStructure') return <Alert color="red">{msg(s as ApiError)}</Alert>;

  /** Runs a change, shows its refusal (typed, naming the field) or reloads the structure. */
  const run = async (work: () => Promise<Answer>, done: string): Promise<boolean> => {
    setError(null);
    try {
      const r = await work();
      if (r.__typename === 'InputError') {
        setError(r as ApiError);
        return false;
      }
      notify(done);
      await client.invalidateQueries({ queryKey: ['site-structure'] });
      return true;
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
      return false;
    }
  };
  const name = (c: Category) => (lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi);
  const label = (m: Entry) => (lang === 'en' ? (m.labelEn ?? m.labelVi) : m.labelVi);
  const childrenOf = <T extends { parentId?: string | null; position: number }>(
    rows: T[],
    parent: string | null,
  ) => rows.filter((r) => (r.parentId ?? null) === parent).sort((a, b) => a.position - b.position);

  const categoryRow = (c: Category, siblings: Category[], i: number): ReactNode => {
    const move = (position: number, parentId = c.parentId ?? null) =>
      run(
        async () =>
          (await gql(MoveSiteCategoryDoc, { input: { id: c.id, parentId, position } })).moveSiteCategory,
        t('Đã chuyển chỗ.', 'Moved.'),
      );
    return (
      <li key={c.id}>
        <Group gap="xs" wrap="wrap" py={4}>
          <Text fw={600} td={c.hidden ? 'line-through' : undefined}>
            {name(c)}
          </Text>
          <Text span size="sm">
            /chuyen-muc/{c.slugPath}
          </Text>
          {c.thematic && <Badge color="#1c5d99">{t('Chuyên đề', 'Theme')}</Badge>}
          {c.hidden && <Badge color="#5c5f66">{t('Đang ẩn', 'Hidden')}</Badge>}
          {!c.languages.includes(lang) && (
            <Badge color="#5c5f66">{t('Không hiện ở ngôn ngữ này', 'Not shown in this language')}</Badge>
          )}
          {!c.templateKey && <Badge color="#1f6f2e">{t('Cổng tự thêm', 'Added here')}</Badge>}
          <Button
            size="compact-sm"
            variant="default"
            disabled={i === 0}
            onClick={() => move(i - 1)}
            aria-label={`${t('Lên', 'Up')}: ${name(c)}`}
          >
            {t('Lên', 'Up')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            disabled={i === siblings.length - 1}
            onClick={() => move(i + 1)}
            aria-label={`${t('Xuống', 'Down')}: ${name(c)}`}
          >
            {t('Xuống', 'Down')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() =>
              run(
                async () =>
                  (await gql(SetSiteCategoryHiddenDoc, { id: c.id, hidden: !c.hidden }))
                    .setSiteCategoryHidden,
                c.hidden ? t('Đã hiện lại.', 'Shown again.') : t('Đã ẩn.', 'Hidden.'),
              )
            }
            aria-label={`${c.hidden ? t('Hiện', 'Show') : t('Ẩn', 'Hide')}: ${name(c)}`}
          >
            {c.hidden ? t('Hiện', 'Show') : t('Ẩn', 'Hide')}
          </Button>
          <CategoryEdit
            category={c}
            categories={s.categories}
            lang={lang}
            run={run}
            onNest={(parentId) => move(0, parentId)}
          />
        </Group>
        {childrenOf(s.categories, c.id).length > 0 && (
          <ul className="structure-tree">
            {childrenOf(s.categories, c.id).map((x, j, list) => categoryRow(x, list, j))}
          </ul>
        )}
      </li>
    );
  };

  const menu = (which: 'MAIN' | 'FOOTER', title: string) => {
    const entries = s.menuEntries.filter((m) => m.menu === which);
    const row = (m: Entry, siblings: Entry[], i: number): ReactNode => {
      const move = (position: number, parentId = m.parentId ?? null) =>
        run(
          async () =>
            (await gql(MoveSiteMenuEntryDoc, { input: { id: m.id, parentId, position } })).moveSiteMenuEntry,
          t('Đã chuyển chỗ.', 'Moved.'),
        );
      return (
        <li key={m.id}>
          <Group gap="xs" wrap="wrap" py={4}>
            <Text fw={600} td={m.hidden ? 'line-through' : undefined}>
              {label(m)}
            </Text>
            {m.external && (
              <Badge color="#1c5d99">
                {t('Liên kết ngoài', 'External link')}: {m.url}
              </Badge>
            )}
            {m.hidden && <Badge color="#5c5f66">{t('Đang ẩn', 'Hidden')}</Badge>}
            <Button
              size="compact-sm"
              variant="default"
              disabled={i === 0}
              onClick={() => move(i - 1)}
              aria-label={`${t('Lên', 'Up')}: ${label(m)}`}
            >
              {t('Lên', 'Up')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              disabled={i === siblings.length - 1}
              onClick={() => move(i + 1)}
              aria-label={`${t('Xuống', 'Down')}: ${label(m)}`}
            >
              {t('Xuống', 'Down')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() =>
                run(
                  async () =>
                    (await gql(SetSiteMenuEntryHiddenDoc, { id: m.id, hidden: !m.hidden }))
                      .setSiteMenuEntryHidden,
                  m.hidden ? t('Đã hiện lại.', 'Shown again.') : t('Đã ẩn.', 'Hidden.'),
                )
              }
              aria-label={`${m.hidden ? t('Hiện', 'Show') : t('Ẩn', 'Hide')}: ${label(m)}`}
            >
              {m.hidden ? t('Hiện', 'Show') : t('Ẩn', 'Hide')}
            </Button>
            <EntryEdit entry={m} lang={lang} run={run} />
          </Group>
          {childrenOf(entries, m.id).length > 0 && (
            <ul className="structure-tree">
              {childrenOf(entries, m.id).map((x, j, list) => row(x, list, j))}
            </ul>
          )}
        </li>
      );
    };
    return (
      <Card withBorder component="section" aria-labelledby={`menu-${which}`}>
        <Title order={3} size="h4" id={`menu-${which}`} mb="xs">
          {title}
        </Title>
        <ul className="structure-tree">{childrenOf(entries, null).map((m, i, list) => row(m, list, i))}</ul>
        <EntryAdd menu={which} categories={s.categories} entries={entries} run={run} />
      </Card>
    );
  };

  return (
    <Stack>
      <Text size="sm">
        {t(
          `Cổng được tạo từ mẫu “${s.template}”. Đổi tên hay chuyển chỗ một chuyên mục thì địa chỉ cũ vẫn dẫn tới địa chỉ mới (301); chuyên mục bị ẩn không còn trên trang và menu nhưng vẫn được lưu. Những phần cổng đã tự sửa: ${s.changedParts.map((p) => p.part).join(', ') || 'chưa có'}.`,
          `The portal was made from the “${s.template}” template. A renamed or moved category keeps its old address leading to the new one (301); a hidden one leaves the site and the menus but is kept. Parts the portal changed itself: ${s.changedParts.map((p) => p.part).join(', ') || 'none yet'}.`,
        )}
      </Text>
      <NativeSelect
        label={t('Xem tên bằng', 'Show the names in')}
        value={lang}
        onChange={(e) => setLang(e.currentTarget.value as Lang)}
        data={[
          { value: 'vi', label: 'Tiếng Việt' },
          { value: 'en', label: 'English' },
        ]}
        maw={240}
      />
      {error && (
        <Alert color="red" role="alert" title={t('Chưa lưu được', 'Not saved')}>
          {error.field ? `${error.field}: ` : ''}
          {msg(error)}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="categories-title">
        <Title order={3} size="h4" id="categories-title" mb="xs">
          {t('Chuyên mục', 'Categories')} ({s.categories.length})
        </Title>
        <ul className="structure-tree">
          {childrenOf(s.categories, null).map((c, i, list) => categoryRow(c, list, i))}
        </ul>
        <CategoryAdd categories={s.categories} run={run} />
      </Card>
      {menu('MAIN', t('Menu chính', 'Main menu'))}
      {menu('FOOTER', t('Menu chân trang', 'Footer menu'))}
      {mayReapply && <TemplateReapply template={s.template} />}
    </Stack>
  );
}

type Run = (work: () => Promise<Answer>, done: string) => Promise<boolean>;

function CategoryAdd({ categories, run }: { categories: Category[]; run: Run }) {
  const { t } = useI18n();
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [slug, setSlug] = useState('');
  const [parentId, setParentId] = useState('');
  const [thematic, setThematic] = useState(false);
  const [enToo, setEnToo] = useState(true);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(
      async () =>
        (
          await gql(CreateSiteCategoryDoc, {
            input: {
              nameVi,
              nameEn: nameEn || null,
              slug: slug || null,
              parentId: parentId || null,
              thematic,
              languages: enToo ? ['vi', 'en'] : ['vi'],
            },
          })
        ).createSiteCategory,
      t('Đã thêm chuyên mục.', 'Category added.'),
    );
    if (ok) [setNameVi, setNameEn, setSlug].forEach((f) => f(''));
  };
  return (
    <form onSubmit={submit} aria-labelledby="add-category-title">
      <Title order={4} size="h5" id="add-category-title" mt="md" mb="xs">
        {t('Thêm chuyên mục hoặc chuyên đề', 'Add a category or a theme')}
      </Title>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('Tên (tiếng Việt)', 'Name (Vietnamese)')}
          value={nameVi}
          onChange={(e) => setNameVi(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('Tên (tiếng Anh)', 'Name (English)')}
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
        />
        <TextInput
          label={t('Địa chỉ (để trống: theo tên)', 'Address (empty: from the name)')}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('Nằm trong', 'Under')}
          value={parentId}
          onChange={(e) => setParentId(e.currentTarget.value)}
          data={[
            { value: '', label: t('(cấp cao nhất)', '(top level)') },
            ...categories.map((c) => ({ value: c.id, label: c.slugPath })),
          ]}
        />
        <Checkbox
          label={t('Là chuyên đề', 'A theme (chuyên đề)')}
          checked={thematic}
          onChange={(e) => setThematic(e.currentTarget.checked)}
        />
        <Checkbox
          label={t('Hiện cả ở bản tiếng Anh', 'Shown in English too')}
          checked={enToo}
          onChange={(e) => setEnToo(e.currentTarget.checked)}
        />
        <Button type="submit">{t('Thêm', 'Add')}</Button>
      </Group>
    </form>
  );
}

function CategoryEdit(props: {
  category: Category;
  categories: Category[];
  lang: Lang;
  run: Run;
  onNest: (parentId: string | null) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const c = props.category;
  const [open, setOpen] = useState(false);
  const [nameVi, setNameVi] = useState(c.nameVi);
  const [nameEn, setNameEn] = useState(c.nameEn ?? '');
  const [slug, setSlug] = useState(c.slug);
  const [parent, setParent] = useState(c.parentId ?? '');
  if (!open)
    return (
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => setOpen(true)}
        aria-label={`${t('Sửa', 'Edit')}: ${c.nameVi}`}
      >
        {t('Sửa', 'Edit')}
      </Button>
    );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await props.run(
      async () =>
        (await gql(UpdateSiteCategoryDoc, { input: { id: c.id, nameVi, nameEn: nameEn || null, slug } }))
          .updateSiteCategory,
      t('Đã lưu.', 'Saved.'),
    );
    if (ok && parent !== (c.parentId ?? '')) await props.onNest(parent || null);
    if (ok) setOpen(false);
  };
  return (
    <form onSubmit={save} aria-label={`${t('Sửa', 'Edit')}: ${c.nameVi}`}>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('Tên (tiếng Việt)', 'Name (Vietnamese)')}
          value={nameVi}
          onChange={(e) => setNameVi(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('Tên (tiếng Anh)', 'Name (English)')}
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
        />
        <TextInput
          label={t('Địa chỉ', 'Address')}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('Nằm trong', 'Under')}
          value={parent}
          onChange={(e) => setParent(e.currentTarget.value)}
          data={[
            { value: '', label: t('(cấp cao nhất)', '(top level)') },
            ...props.categories.filter((x) => x.id !== c.id).map((x) => ({ value: x.id, label: x.slugPath })),
          ]}
        />
        <Button type="submit">{t('Lưu', 'Save')}</Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('Thôi', 'Cancel')}
        </Button>
      </Group>
    </form>
  );
}

function EntryAdd(props: { menu: 'MAIN' | 'FOOTER'; categories: Category[]; entries: Entry[]; run: Run }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'category' | 'link'>('link');
  const [categoryId, setCategoryId] = useState('');
  const [url, setUrl] = useState('');
  const [labelVi, setLabelVi] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [parentId, setParentId] = useState('');
  const id = `add-entry-${props.menu}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await props.run(
      async () =>
        (
          await gql(CreateSiteMenuEntryDoc, {
            input: {
              menu: props.menu,
              categoryId: kind === 'category' ? categoryId || null : null,
              url: kind === 'link' ? url : null,
              labelVi: labelVi || null,
              labelEn: labelEn || null,
              parentId: parentId || null,
            },
          })
        ).createSiteMenuEntry,
      t('Đã thêm mục menu.', 'Menu entry added.'),
    );
    if (ok) [setUrl, setLabelVi, setLabelEn].forEach((f) => f(''));
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <Title order={4} size="h5" id={`${id}-title`} mt="md" mb="xs">
        {t('Thêm mục', 'Add an entry')}
      </Title>
      <Group align="end" wrap="wrap">
        <NativeSelect
          label={t('Trỏ tới', 'Points at')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as 'category' | 'link')}
          data={[
            { value: 'link', label: t('Liên kết website (http, https)', 'Web link (http, https)') },
            { value: 'category', label: t('Chuyên mục của cổng', 'A category of the portal') },
          ]}
        />
        {kind === 'link' ? (
          <TextInput
            label={t('Địa chỉ liên kết', 'Link address')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://"
          />
        ) : (
          <NativeSelect
            label={t('Chuyên mục', 'Category')}
            value={categoryId}
            onChange={(e) => setCategoryId(e.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...props.categories.map((c) => ({ value: c.id, label: c.slugPath })),
            ]}
          />
        )}
        <TextInput
          label={t('Nhãn (tiếng Việt)', 'Label (Vietnamese)')}
          value={labelVi}
          onChange={(e) => setLabelVi(e.currentTarget.value)}
        />
        <TextInput
          label={t('Nhãn (tiếng Anh)', 'Label (English)')}
          value={labelEn}
          onChange={(e) => setLabelEn(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('Nằm trong', 'Under')}
          value={parentId}
          onChange={(e) => setParentId(e.currentTarget.value)}
          data={[
            { value: '', label: t('(cấp cao nhất)', '(top level)') },
            ...props.entries.filter((m) => !m.parentId).map((m) => ({ value: m.id, label: m.labelVi })),
          ]}
        />
        <Button type="submit">{t('Thêm', 'Add')}</Button>
      </Group>
    </form>
  );
}

function EntryEdit({ entry, lang, run }: { entry: Entry; lang: Lang; run: Run }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [labelVi, setLabelVi] = useState(entry.labelVi);
  const [labelEn, setLabelEn] = useState(entry.labelEn ?? '');
  const [url, setUrl] = useState(entry.url ?? '');
  const shown = lang === 'en' ? (entry.labelEn ?? entry.labelVi) : entry.labelVi;
  if (!open)
    return (
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => setOpen(true)}
        aria-label={`${t('Sửa', 'Edit')}: ${shown}`}
      >
        {t('Sửa', 'Edit')}
      </Button>
    );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(
      async () =>
        (
          await gql(UpdateSiteMenuEntryDoc, {
            input: { id: entry.id, labelVi, labelEn: labelEn || null, ...(entry.url ? { url } : {}) },
          })
        ).updateSiteMenuEntry,
      t('Đã lưu.', 'Saved.'),
    );
    if (ok) setOpen(false);
  };
  return (
    <form onSubmit={save} aria-label={`${t('Sửa', 'Edit')}: ${entry.labelVi}`}>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('Nhãn (tiếng Việt)', 'Label (Vietnamese)')}
          value={labelVi}
          onChange={(e) => setLabelVi(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('Nhãn (tiếng Anh)', 'Label (English)')}
          value={labelEn}
          onChange={(e) => setLabelEn(e.currentTarget.value)}
        />
        {entry.url !== null && entry.url !== undefined && (
          <TextInput
            label={t('Địa chỉ liên kết', 'Link address')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
        )}
        <Button type="submit">{t('Lưu', 'Save')}</Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('Thôi', 'Cancel')}
        </Button>
      </Group>
    </form>
  );
}
