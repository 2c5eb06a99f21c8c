import '@mantine/tiptap/styles.css';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useNavigate } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { RichTextEditor, Link } from '@mantine/tiptap';
import { useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { gql, upload } from '../api/graphql';
import { retryAfterRefresh, shownImageSrc } from '../api/media';
import { CategoriesDoc, CreateDoc, EditDoc, ItemDoc } from '../api/documents';
import type { ApiError } from '../api/session';
import type { ContentKind } from '../gql/graphql';
import { editItem, newItem } from '../router';
import { KINDS, useI18n, useLabel } from '../i18n';
import { ErrorBox, Loading, usePageTitle, notify } from '../ui/common';
import { KindFields, cleanFields, type FieldSpec } from './KindFields';
import { useMe } from './me';

// The server refuses more than ATTACHMENT_MAX_BYTES (50 MiB by default); refusing here saves the upload.
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Images as stored (`src="/attachments/<id>"`, what getHTML emits), shown in the editor from the
 * console's media path, which the session's cookie opens for drafts too (api/media.ts).
 */
const ShownImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      const paint = (attrs: Record<string, unknown>) => {
        for (const name of ['alt', 'title'] as const) {
          const value = attrs[name];
          if (typeof value === 'string' && value) img.setAttribute(name, value);
          else img.removeAttribute(name);
        }
        img.setAttribute('src', shownImageSrc(String(attrs.src ?? '')));
      };
      paint(node.attrs);
      retryAfterRefresh(img);
      return {
        dom: img,
        update: (updated) => {
          if (updated.type !== node.type) return false;
          paint(updated.attrs);
          return true;
        },
      };
    };
  },
});

/**
 * TipTap configured to emit only what the server's sanitiser keeps, so a body survives a save
 * unchanged: headings 2-4, no link target/rel (the sanitiser rewrites rel when a target is set),
 * images by src/alt/title only.
 */
export function useBodyEditor(content: string, label: string) {
  return useEditor({
    extensions: [
      StarterKit.configure({
        link: false,
        heading: { levels: [2, 3, 4] },
        codeBlock: { HTMLAttributes: {} },
      }),
      Link.configure({ openOnClick: false, HTMLAttributes: { target: null, rel: null } }),
      ShownImage.configure({ inline: false }),
    ],
    content,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
  });
}

interface Draft {
  title: string;
  summary: string;
  authorName: string;
  source: string;
  categoryId: string;
  slug: string;
  field: string;
  fields: Record<string, unknown>;
}

export function NewItemEditor() {
  const search = newItem.useSearch();
  const me = useMe();
  if (!me.data) return <Loading />;
  return (
    <EditorForm
      key={`new-${search.kind}`}
      kind={search.kind}
      translationOf={search.translationOf ?? null}
      initial={{
        title: '',
        summary: '',
        authorName: me.data.me.displayName,
        source: me.data.portal.name,
        categoryId: '',
        slug: '',
        field: '',
        fields: {},
      }}
      body=""
      itemId={null}
      baseNumber={null}
      tenantId={me.data.portal.id}
    />
  );
}

export function EditItemEditor() {
  const { id } = editItem.useParams();
  const q = useQuery({ queryKey: ['item', id], queryFn: () => gql(ItemDoc, { id }) });
  const me = useMe();
  if (q.isLoading || !me.data) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} />;
  const item = q.data?.contentItem;
  if (!item) return <ErrorBox error={new Error('not found')} />;
  const rev = item.working ?? item.live!;
  return (
    <EditorForm
      key={`${id}-${item.latestNumber}`}
      kind={item.kind}
      translationOf={item.translationOf ?? null}
      initial={{
        title: rev.title,
        summary: rev.summary ?? '',
        authorName: rev.authorName,
        source: rev.source,
        categoryId: item.categoryId ?? '',
        slug: item.slug,
        field: item.field ?? '',
        fields: rev.fields as Record<string, unknown>,
      }}
      body={rev.bodyHtml}
      itemId={id}
      baseNumber={item.latestNumber}
      tenantId={me.data.portal.id}
      liveStays={!!item.live && !item.withdrawnAt}
    />
  );
}

function EditorForm(props: {
  kind: string;
  translationOf: string | null;
  initial: Draft;
  body: string;
  itemId: string | null;
  baseNumber: number | null;
  tenantId: string;
  liveStays?: boolean;
}) {
  const { t, msg, lang } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const client = useQueryClient();
  usePageTitle(props.itemId ? t('Sửa bài', 'Edit item') : t('Viết bài mới', 'New item'));
  const meta = useQuery({ queryKey: ['categories'], queryFn: () => gql(CategoriesDoc) });
  const [draft, setDraft] = useState<Draft>(props.initial);
  const [kind, setKind] = useState(props.kind);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{ html: string; draft: Draft } | null>(null);
  const [saving, setSaving] = useState(false);
  const [uploads, setUploads] = useState<
    Array<{ name: string; percent: number; error?: string; url?: string }>
  >([]);
  const editor = useBodyEditor(props.body, t('Nội dung bài viết', 'Body of the item'));
  const errorRef = useRef<HTMLDivElement>(null);
  const specs: FieldSpec[] = useMemo(
    () => (meta.data?.contentKinds.find((k) => k.kind === kind)?.fields as FieldSpec[]) ?? [],
    [meta.data, kind],
  );
  useEffect(() => {
    if (error || conflict) errorRef.current?.focus();
  }, [error, conflict]);

  const save = async () => {
    if (!editor) return;
    setSaving(true);
    setError(null);
    const input = {
      title: draft.title,
      summary: draft.summary || null,
      bodyHtml: editor.getHTML(),
      fields: cleanFields(specs, draft.fields),
      authorName: draft.authorName,
      source: draft.source,
    };
    try {
      if (props.itemId) {
        const r = (await gql(EditDoc, { itemId: props.itemId, input, baseNumber: props.baseNumber }))
          .editContent;
        if (r.__typename === 'InputError') {
          if (r.errorCode === 'EDIT_CONFLICT') setConflict({ html: input.bodyHtml, draft });
          else setError(r);
          return;
        }
        notify(t('Đã lưu phiên bản mới.', 'A new revision was saved.'));
        await client.invalidateQueries();
        void navigate({ to: '/noi-dung/$id', params: { id: props.itemId } });
      } else {
        const r = (
          await gql(CreateDoc, {
            input: {
              ...input,
              tenantId: props.tenantId,
              kind: kind as ContentKind,
              categoryId: draft.categoryId || null,
              slug: draft.slug || null,
              field: draft.field || null,
              language: props.translationOf ? 'en' : 'vi',
              translationOf: props.translationOf,
            },
          })
        ).createContent;
        if (r.__typename === 'InputError') return setError(r);
        notify(t('Đã lưu bản nháp. Bây giờ có thể đính kèm tệp.', 'Draft saved. Files can be attached now.'));
        await client.invalidateQueries();
        void navigate({ to: '/noi-dung/$id/sua', params: { id: r.id } });
      }
    } catch (e) {
      setError(
        (e as { error?: ApiError }).error ?? {
          errorCode: 'ERROR',
          messageVi: 'Lỗi khi lưu.',
          messageEn: 'Saving failed.',
        },
      );
    } finally {
      setSaving(false);
    }
  };

  const attach = async (files: FileList | File[]) => {
    if (!props.itemId || !editor) return;
    for (const file of Array.from(files)) {
      const index = uploads.length;
      const row = { name: file.name, percent: 0 } as (typeof uploads)[number];
      setUploads((u) => [...u, row]);
      const update = (patch: Partial<typeof row>) =>
        setUploads((u) => u.map((x, i) => (i === index ? { ...x, ...patch } : x)));
      if (file.size > MAX_UPLOAD_BYTES) {
        update({
          error: t(
            `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
            `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
          ),
        });
        continue;
      }
      const r = await upload(file, props.itemId, (percent) => update({ percent }));
      if ('error' in r) {
        update({ error: msg(r.error) });
        continue;
      }
      update({ percent: 100, url: r.url });
      insertFile(editor, r.url, r.fileName, r.mediaType);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void attach(e.dataTransfer.files);
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const fieldError = (name: string) => (error?.field === name ? msg(error) : undefined);
  const cats = (meta.data?.categories ?? []).filter((c) => !c.contentKind || c.contentKind === kind);

  if (conflict)
    return (
      <Stack>
        <Title order={1}>{t('Có người vừa sửa bài này', 'Someone else saved this item')}</Title>
        <Alert
          color="orange"
          role="alert"
          ref={errorRef}
          tabIndex={-1}
          title={t('Xung đột khi lưu (EDIT_CONFLICT)', 'Edit conflict (EDIT_CONFLICT)')}
        >
          {t(
            'Trong lúc bạn sửa, một người khác đã lưu phiên bản mới. Bài của bạn chưa được lưu và không bị mất: nội dung bạn viết được giữ dưới đây. Hãy tải lại phiên bản mới nhất, rồi dán lại phần của bạn.',
            'While you were editing, someone else saved a new revision. Your text was not saved and is not lost: it is kept below. Reload the latest revision, then paste your part back in.',
          )}
        </Alert>
        <Textarea label={t('Tiêu đề bạn đã viết', 'Your title')} readOnly value={conflict.draft.title} />
        <Textarea
          label={t('Nội dung bạn đã viết (HTML)', 'Your body (HTML)')}
          readOnly
          autosize
          minRows={6}
          value={conflict.html}
        />
        <Group>
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(conflict.html).catch(() => undefined);
              setConflict(null);
              void client.invalidateQueries({ queryKey: ['item', props.itemId] });
            }}
          >
            {t(
              'Tải lại bản mới nhất (giữ bản của tôi ở bảng tạm)',
              'Reload the latest (keep mine on the clipboard)',
            )}
          </Button>
          <Button
            variant="outline"
            renderRoot={(p) => (
              <RouterLink {...p} to="/noi-dung/$id/phien-ban" params={{ id: props.itemId! }} />
            )}
          >
            {t('So sánh các phiên bản', 'Compare revisions')}
          </Button>
        </Group>
      </Stack>
    );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack>
        <Title order={1}>
          {props.itemId ? t('Sửa bài', 'Edit item') : t('Viết bài mới', 'New item')} · {label(KINDS, kind)}
          {props.translationOf && ` · ${t('bản tiếng Anh', 'English version')}`}
        </Title>
        {props.liveStays && (
          <Alert color="blue">
            {t(
              'Bài đang đăng công khai. Bản sửa là một phiên bản mới, phải được duyệt lại; bản đang đăng giữ nguyên tới khi bản mới được đăng.',
              'This item is live. Your edit is a new revision that goes through approval again; the live revision stays until the new one is published.',
            )}
          </Alert>
        )}
        {error && (
          <Alert
            color="red"
            role="alert"
            ref={errorRef}
            tabIndex={-1}
            title={t('Chưa lưu được', 'Not saved')}
          >
            {msg(error)}
          </Alert>
        )}
        {!props.itemId && (
          <NativeSelect
            label={t('Loại nội dung', 'Kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={Object.keys(KINDS).map((k) => ({ value: k, label: label(KINDS, k) }))}
          />
        )}
        <TextInput
          label={t('Tiêu đề', 'Title')}
          required
          value={draft.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={fieldError('title')}
        />
        <Textarea
          label={t('Tóm tắt', 'Summary')}
          autosize
          minRows={2}
          value={draft.summary}
          onChange={(e) => set({ summary: e.currentTarget.value })}
          error={fieldError('summary')}
        />
        <Group grow align="start">
          <NativeSelect
            label={t('Chuyên mục', 'Category')}
            disabled={!!props.itemId}
            value={draft.categoryId}
            onChange={(e) => set({ categoryId: e.currentTarget.value })}
            error={fieldError('categoryId')}
            data={[
              { value: '', label: t('— Không chọn —', '— None —') },
              ...cats.map((c) => ({ value: c.id, label: lang === 'en' ? (c.nameEn ?? c.nameVi) : c.nameVi })),
            ]}
          />
          <TextInput
            label={t('Đường dẫn (slug)', 'Slug')}
            description={t('Để trống: tạo từ tiêu đề', 'Empty: made from the title')}
            disabled={!!props.itemId}
            value={draft.slug}
            onChange={(e) => set({ slug: e.currentTarget.value })}
            error={fieldError('slug')}
          />
          <TextInput
            label={t('Lĩnh vực', 'Field (lĩnh vực)')}
            disabled={!!props.itemId}
            value={draft.field}
            onChange={(e) => set({ field: e.currentTarget.value })}
          />
        </Group>
        <Group grow align="start">
          <TextInput
            label={t('Tác giả', 'Author')}
            required
            value={draft.authorName}
            onChange={(e) => set({ authorName: e.currentTarget.value })}
            error={fieldError('authorName')}
          />
          <TextInput
            label={t('Nguồn tin', 'Source')}
            required
            value={draft.source}
            onChange={(e) => set({ source: e.currentTarget.value })}
            error={fieldError('source')}
          />
        </Group>
        <KindFields
          specs={specs}
          values={draft.fields}
          onChange={(fields) => set({ fields })}
          errorField={error?.field}
          errorText={msg(error)}
        />
        <div>
          <Text fw={500} size="sm" mb={4} id="body-label">
            {t('Nội dung', 'Body')}
          </Text>
          <RichTextEditor
            editor={editor}
            labels={{
              boldControlLabel: t('Đậm', 'Bold'),
              italicControlLabel: t('Nghiêng', 'Italic'),
              underlineControlLabel: t('Gạch chân', 'Underline'),
              strikeControlLabel: t('Gạch ngang', 'Strikethrough'),
              h2ControlLabel: t('Tiêu đề 2', 'Heading 2'),
              h3ControlLabel: t('Tiêu đề 3', 'Heading 3'),
              bulletListControlLabel: t('Danh sách', 'Bullet list'),
              orderedListControlLabel: t('Danh sách số', 'Numbered list'),
              blockquoteControlLabel: t('Trích dẫn', 'Quote'),
              linkControlLabel: t('Chèn liên kết', 'Link'),
              unlinkControlLabel: t('Bỏ liên kết', 'Remove link'),
              linkEditorInputLabel: t('Địa chỉ liên kết', 'Link address'),
              linkEditorSave: t('Lưu', 'Save'),
            }}
          >
            <RichTextEditor.Toolbar>
              <RichTextEditor.ControlsGroup>
                <RichTextEditor.Bold />
                <RichTextEditor.Italic />
                <RichTextEditor.Underline />
                <RichTextEditor.Strikethrough />
              </RichTextEditor.ControlsGroup>
              <RichTextEditor.ControlsGroup>
                <RichTextEditor.H2 />
                <RichTextEditor.H3 />
                <RichTextEditor.BulletList />
                <RichTextEditor.OrderedList />
                <RichTextEditor.Blockquote />
              </RichTextEditor.ControlsGroup>
              <RichTextEditor.ControlsGroup>
                <RichTextEditor.Link />
                <RichTextEditor.Unlink />
              </RichTextEditor.ControlsGroup>
            </RichTextEditor.Toolbar>
            <RichTextEditor.Content />
          </RichTextEditor>
        </div>
        <Card withBorder onDragOver={(e) => e.preventDefault()} onDrop={onDrop} aria-labelledby="files-title">
          <Title order={2} size="h4" id="files-title">
            {t('Ảnh và tệp đính kèm', 'Images and attachments')}
          </Title>
          {props.itemId ? (
            <>
              <Text size="sm">
                {t(
                  'Kéo thả tệp vào đây, hoặc chọn tệp. Ảnh được chèn vào nội dung; tệp khác được chèn thành liên kết tải về.',
                  'Drop files here, or choose them. Images go into the body; other files become download links.',
                )}
              </Text>
              <input
                type="file"
                multiple
                aria-label={t('Chọn tệp đính kèm', 'Choose files to attach')}
                onChange={(e) => e.currentTarget.files && void attach(e.currentTarget.files)}
                style={{ marginTop: 8 }}
              />
              <List mt="sm" spacing="xs">
                {uploads.map((u, i) => (
                  <List.Item key={i}>
                    <Text size="sm">{u.name}</Text>
                    {u.error ? (
                      <Text size="sm" c="red.9" role="alert">
                        {u.error}
                      </Text>
                    ) : (
                      <Progress value={u.percent} aria-label={`${u.name}: ${u.percent}%`} w={240} />
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">
              {t(
                'Lưu bản nháp trước, rồi đính kèm ảnh và tệp.',
                'Save the draft first, then attach images and files.',
              )}
            </Text>
          )}
        </Card>
        <Group>
          <Button type="submit" loading={saving}>
            {props.itemId ? t('Lưu phiên bản mới', 'Save a new revision') : t('Lưu bản nháp', 'Save draft')}
          </Button>
          {props.itemId && (
            <Button
              variant="default"
              renderRoot={(p) => <RouterLink {...p} to="/noi-dung/$id" params={{ id: props.itemId }} />}
            >
              {t('Về trang bài (xem trước, gửi duyệt)', 'Back to the item (preview, submit)')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function insertFile(editor: Editor, url: string, fileName: string, mediaType: string) {
  if (mediaType.startsWith('image/')) editor.chain().focus().setImage({ src: url, alt: fileName }).run();
  else
    editor
      .chain()
      .focus()
      .insertContent({
        type: 'paragraph',
        content: [{ type: 'text', text: fileName, marks: [{ type: 'link', attrs: { href: url } }] }],
      })
      .run();
}
