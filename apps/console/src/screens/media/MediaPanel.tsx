import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { gql, GqlError, upload } from '../../api/graphql';
import {
  DescribeGalleryPhotoDoc,
  ItemMediaDoc,
  ReorderGalleryDoc,
  WithdrawMediaFileDoc,
} from '../../api/media-documents';
import type { ApiError } from '../../api/session';
import type { ConsoleItemMediaQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { notify } from '../../ui/common';

type Media = NonNullable<ConsoleItemMediaQuery['itemMedia']>;
type Photo = Media['photos'][number];
const FIELD_STYLES = { error: { color: '#c92a2a' }, input: { color: '#1a1b1e' } };
export const MEDIA_KINDS = ['VIDEO', 'AUDIO', 'PHOTO_GALLERY'];

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The files of a media item: its video or audio, poster and captions, or a gallery's photos with
 * caption and credit, in order. Uploads go to `POST /media/<kind>` with the item's id (the server
 * types them by content and refuses what does not fit, on the field); the order is changed one step
 * at a time, a photo is withdrawn (kept on record), never deleted.
 */
export function MediaPanel({ item }: { item: { id: string; kind: string } }) {
  return MEDIA_KINDS.includes(item.kind) ? <MediaFiles item={item} /> : null;
}

function MediaFiles({ item }: { item: { id: string; kind: string } }) {
  const { t, msg } = useI18n();
  const q = useQuery({
    queryKey: ['itemMedia', item.id],
    queryFn: () => gql(ItemMediaDoc, { itemId: item.id }),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const media = q.data?.itemMedia ?? null;

  const send = async (role: string, files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    for (const file of Array.from(files)) {
      setProgress(`${file.name}: 0 %`);
      const r = await upload(file, item.id, (p) => setProgress(`${file.name}: ${p} %`), `/media/${role}`);
      if ('error' in r) {
        setError(r.error);
        break;
      }
    }
    setProgress(null);
    await q.refetch();
  };
  const run = async (work: () => Promise<{ __typename?: string } & Partial<ApiError>>) => {
    setError(null);
    try {
      const r = await work();
      if (r.__typename === 'InputError') setError(r as ApiError);
      else notify(t('Đã lưu.', 'Saved.'));
    } catch (e) {
      if (e instanceof GqlError) setError(e.error);
      else throw e;
    }
    await q.refetch();
  };
  const picker = (role: string, label: string, accept: string, multiple = false) => (
    <label className="media-picker">
      <Text size="sm" fw={600} component="span">
        {label}
      </Text>{' '}
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        onChange={(e) => void send(role, e.currentTarget.files)}
      />
    </label>
  );
  const file = (f: { fileName: string } | null | undefined, none: string) => (
    <Text size="sm">{f ? f.fileName : <i>{none}</i>}</Text>
  );

  return (
    <Card withBorder component="section" aria-labelledby="media-title">
      <Stack>
        <Title order={2} size="h4" id="media-title">
          {item.kind === 'PHOTO_GALLERY'
            ? t('Ảnh của bộ ảnh', 'Gallery photos')
            : t('Tệp phát', 'Media files')}
        </Title>
        {error && (
          <Alert
            color="red"
            role="alert"
            title={error.field ? `${error.errorCode} (${error.field})` : error.errorCode}
          >
            {msg(error)}
          </Alert>
        )}
        {progress && (
          <Text size="sm" role="status">
            {progress}
          </Text>
        )}
        {item.kind !== 'PHOTO_GALLERY' ? (
          <Stack gap="xs">
            <Group>
              <Text size="sm" fw={600}>
                {item.kind === 'VIDEO' ? 'Video' : t('Âm thanh', 'Audio')}:
              </Text>
              {file(media?.main, t('chưa có', 'none yet'))}
              {media?.main && <Text size="sm">({size(media.main.size)})</Text>}
            </Group>
            <Group>
              <Text size="sm" fw={600}>
                {t('Ảnh đại diện', 'Poster')}:
              </Text>
              {file(media?.poster, t('chưa có', 'none yet'))}
            </Group>
            <Group>
              <Text size="sm" fw={600}>
                {t('Phụ đề', 'Captions')}:
              </Text>
              {file(media?.captions, t('chưa có', 'none yet'))}
            </Group>
            {item.kind === 'VIDEO'
              ? picker(
                  'video',
                  t('Tải video (MP4, WebM)', 'Upload the video (MP4, WebM)'),
                  'video/mp4,video/webm',
                )
              : picker(
                  'audio',
                  t('Tải âm thanh (MP3, M4A)', 'Upload the audio (MP3, M4A)'),
                  'audio/mpeg,audio/mp4',
                )}
            {picker('poster', t('Tải ảnh đại diện', 'Upload a poster'), 'image/png,image/jpeg,image/webp')}
            {picker('captions', t('Tải phụ đề WebVTT', 'Upload WebVTT captions'), '.vtt,text/vtt')}
          </Stack>
        ) : (
          <Stack>
            {picker('photo', t('Thêm ảnh', 'Add photos'), 'image/png,image/jpeg,image/webp', true)}
            <Text size="sm">
              {t('Số ảnh được tính nhuận bút', 'Photos counted for royalties')}: {media?.photoCount ?? 0}
            </Text>
            <ol className="gallery-order">
              {(media?.photos ?? []).map((p, i, all) => (
                <li key={p.id}>
                  <PhotoRow
                    photo={p}
                    first={i === 0}
                    last={i === all.length - 1}
                    onSave={(input) =>
                      run(
                        async () =>
                          (await gql(DescribeGalleryPhotoDoc, { id: p.id, input })).describeGalleryPhoto,
                      )
                    }
                    onMove={(delta) => {
                      const ids = all.map((x) => x.id);
                      [ids[i], ids[i + delta]] = [ids[i + delta], ids[i]];
                      return run(
                        async () =>
                          (await gql(ReorderGalleryDoc, { itemId: item.id, photoIds: ids })).reorderGallery,
                      );
                    }}
                    onWithdraw={() =>
                      run(async () => (await gql(WithdrawMediaFileDoc, { id: p.id })).withdrawMediaFile)
                    }
                    error={error?.field ? error : null}
                  />
                </li>
              ))}
            </ol>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function PhotoRow(props: {
  photo: Photo;
  first: boolean;
  last: boolean;
  onSave: (input: {
    captionVi: string;
    captionEn: string;
    creditVi: string;
    creditEn: string;
  }) => Promise<void>;
  onMove: (delta: number) => Promise<void>;
  onWithdraw: () => Promise<void>;
  error: ApiError | null;
}) {
  const { t, msg } = useI18n();
  const p = props.photo;
  const [v, setV] = useState({
    captionVi: p.captionVi ?? '',
    captionEn: p.captionEn ?? '',
    creditVi: p.creditVi ?? '',
    creditEn: p.creditEn ?? '',
  });
  useEffect(
    () =>
      setV({
        captionVi: p.captionVi ?? '',
        captionEn: p.captionEn ?? '',
        creditVi: p.creditVi ?? '',
        creditEn: p.creditEn ?? '',
      }),
    [p.captionVi, p.captionEn, p.creditVi, p.creditEn],
  );
  const field = (name: keyof typeof v, label: string) => (
    <TextInput
      label={label}
      value={v[name]}
      styles={FIELD_STYLES}
      error={props.error?.field === name ? msg(props.error) : undefined}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((x) => ({ ...x, [name]: value }));
      }}
    />
  );
  const n = (p.position ?? 0) + 1;
  return (
    <Stack gap="xs" className="gallery-photo">
      <Text size="sm" fw={600}>
        {t(`Ảnh ${n}`, `Photo ${n}`)}: {p.fileName}
      </Text>
      <Group grow>
        {field('captionVi', t(`Chú thích ảnh ${n} (tiếng Việt)`, `Caption of photo ${n} (Vietnamese)`))}
        {field('captionEn', t(`Chú thích ảnh ${n} (tiếng Anh)`, `Caption of photo ${n} (English)`))}
      </Group>
      <Group grow>
        {field('creditVi', t(`Tác giả ảnh ${n} (tiếng Việt)`, `Credit of photo ${n} (Vietnamese)`))}
        {field('creditEn', t(`Tác giả ảnh ${n} (tiếng Anh)`, `Credit of photo ${n} (English)`))}
      </Group>
      <Group>
        <Button size="xs" onClick={() => void props.onSave(v)}>
          {t(`Lưu chú thích ảnh ${n}`, `Save photo ${n}'s texts`)}
        </Button>
        <Button size="xs" variant="outline" disabled={props.first} onClick={() => void props.onMove(-1)}>
          {t(`Đưa ảnh ${n} lên`, `Move photo ${n} up`)}
        </Button>
        <Button size="xs" variant="outline" disabled={props.last} onClick={() => void props.onMove(1)}>
          {t(`Đưa ảnh ${n} xuống`, `Move photo ${n} down`)}
        </Button>
        <Button size="xs" variant="outline" onClick={() => void props.onWithdraw()}>
          {t(`Gỡ ảnh ${n}`, `Withdraw photo ${n}`)}
        </Button>
      </Group>
    </Stack>
  );
}
