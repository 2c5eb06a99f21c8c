import { DomainError } from '@portal/platform';
import { ContentKind } from '../kinds/content-kind';
import { MediaFileEntity } from './media-file.entity';
import { MediaFormat, MediaRole } from './media-sniff';
import type { Readable } from 'node:stream';
import { ContentErrorCode } from '../errors/content-error-code';

/** The item kinds each role may belong to. */
export const ROLE_KINDS: Readonly<Record<MediaRole, readonly ContentKind[]>> = {
  [MediaRole.VIDEO]: [ContentKind.VIDEO],
  [MediaRole.AUDIO]: [ContentKind.AUDIO],
  [MediaRole.POSTER]: [ContentKind.VIDEO, ContentKind.AUDIO],
  [MediaRole.CAPTIONS]: [ContentKind.VIDEO, ContentKind.AUDIO],
  [MediaRole.PHOTO]: [ContentKind.PHOTO_GALLERY],
};

export interface MediaFileView {
  id: string;
  itemId: string | null;
  role: MediaRole;
  mediaType: string;
  size: number;
  sha256: string;
  fileName: string;
  position: number | null;
  width: number | null;
  height: number | null;
  captionVi: string | null;
  captionEn: string | null;
  creditVi: string | null;
  creditEn: string | null;
  url: string;
}

export interface ItemMediaView {
  itemId: string;
  main: MediaFileView | null;
  poster: MediaFileView | null;
  captions: MediaFileView | null;
  photos: MediaFileView[];
}

const FORMAT_NAMES: Record<MediaRole, { vi: string; en: string }> = {
  [MediaRole.VIDEO]: { vi: 'video MP4 hoặc WebM', en: 'an MP4 or WebM video' },
  [MediaRole.AUDIO]: { vi: 'âm thanh MP3 hoặc M4A', en: 'an MP3 or M4A audio file' },
  [MediaRole.POSTER]: { vi: 'ảnh PNG, JPEG hoặc WebP', en: 'a PNG, JPEG or WebP image' },
  [MediaRole.PHOTO]: { vi: 'ảnh PNG, JPEG hoặc WebP', en: 'a PNG, JPEG or WebP image' },
  [MediaRole.CAPTIONS]: { vi: 'phụ đề WebVTT', en: 'WebVTT captions' },
};

export const unsupportedMedia = (role: MediaRole) =>
  new DomainError(
    ContentErrorCode.UNSUPPORTED_TYPE,
    {
      vi: `Tệp phải là ${FORMAT_NAMES[role].vi} (kiểm tra theo nội dung tệp, không theo tên).`,
      en: `The file must be ${FORMAT_NAMES[role].en} (checked by content, not by name).`,
    },
    'file',
    415,
  );

/** Longest caption or credit of a gallery photo. */
export const TEXT_MAX = 1000;

export const mediaView = (f: MediaFileEntity): MediaFileView => ({
  id: f.id,
  itemId: f.itemId,
  role: f.role,
  mediaType: f.mediaType,
  size: Number(f.size),
  sha256: f.sha256,
  fileName: f.fileName,
  position: f.position,
  width: f.width,
  height: f.height,
  captionVi: f.captionVi,
  captionEn: f.captionEn,
  creditVi: f.creditVi,
  creditEn: f.creditEn,
  url: `/media/${f.id}`,
});

/** Groups an item's standing files into what a page or the console shows. */
export function itemMediaOf(itemId: string, files: MediaFileEntity[]): ItemMediaView {
  const one = (...roles: MediaRole[]) => {
    const f = files.find((x) => roles.includes(x.role));
    return f ? mediaView(f) : null;
  };
  return {
    itemId,
    main: one(MediaRole.VIDEO, MediaRole.AUDIO),
    poster: one(MediaRole.POSTER),
    captions: one(MediaRole.CAPTIONS),
    photos: files
      .filter((f) => f.role === MediaRole.PHOTO)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map(mediaView),
  };
}

/** What checking an upload found: its format, and an image's pixel size. */
export interface PreparedMedia {
  format: MediaFormat;
  width: number | null;
  height: number | null;
}

export interface PhotoDescription {
  captionVi?: string | null;
  captionEn?: string | null;
  creditVi?: string | null;
  creditEn?: string | null;
}

export interface MediaServing {
  file: MediaFileEntity;
  /** Anyone may read it (a standing file of a live item of the addressed portal): cacheable. */
  isPublic: boolean;
  open(range?: { start: number; end: number }): Promise<Readable>;
}
