import {
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  createUnionType,
  registerEnumType,
} from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { MediaRole } from './media-sniff';
import type { ItemMediaView, MediaFileView } from './media-views';

registerEnumType(MediaRole, {
  name: 'MediaRole',
  description:
    'What a media file is for: the item’s video or audio, its poster, its captions, or a gallery photo.',
});

@ObjectType('MediaFile', {
  description: 'A file of a media item (typed by its content, served with byte ranges).',
})
export class MediaFileType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) itemId!: string | null;
  @Field(() => MediaRole) role!: MediaRole;
  @Field(() => String) mediaType!: string;
  @Field(() => Float, { description: 'Bytes.' }) size!: number;
  @Field(() => String, { description: 'SHA-256 of the content (its ETag).' }) sha256!: string;
  @Field(() => String) fileName!: string;
  @Field(() => Int, { nullable: true, description: 'A gallery photo’s place, from 0.' }) position!:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Pixels (images).' }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => String, { nullable: true }) captionVi!: string | null;
  @Field(() => String, { nullable: true }) captionEn!: string | null;
  @Field(() => String, { nullable: true, description: 'Who took the photo (tác giả ảnh).' })
  creditVi!: string | null;
  @Field(() => String, { nullable: true }) creditEn!: string | null;
  @Field(() => String, { description: 'Path on the same host (GET, HEAD, Range).' }) url!: string;

  static from(v: MediaFileView): MediaFileType {
    return Object.assign(new MediaFileType(), v);
  }
}

@ObjectType('ItemMedia', { description: 'The standing media files of an item.' })
export class ItemMediaType {
  @Field(() => ID) itemId!: string;
  @Field(() => MediaFileType, {
    nullable: true,
    description: 'The video (VIDEO item) or audio (AUDIO item).',
  })
  main!: MediaFileType | null;
  @Field(() => MediaFileType, { nullable: true }) poster!: MediaFileType | null;
  @Field(() => MediaFileType, { nullable: true, description: 'WebVTT captions.' })
  captions!: MediaFileType | null;
  @Field(() => [MediaFileType], { description: 'A gallery’s photos in order.' }) photos!: MediaFileType[];
  @Field(() => Int, { description: 'Standing photos: what the item’s royalty grade counts.' })
  photoCount!: number;

  static from(v: ItemMediaView): ItemMediaType {
    const one = (f: MediaFileView | null) => (f ? MediaFileType.from(f) : null);
    return Object.assign(new ItemMediaType(), {
      itemId: v.itemId,
      main: one(v.main),
      poster: one(v.poster),
      captions: one(v.captions),
      photos: v.photos.map(MediaFileType.from),
      photoCount: v.photos.length,
    });
  }
}

export const ItemMediaResult = createUnionType({
  name: 'ItemMediaResult',
  types: () => [ItemMediaType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : ItemMediaType),
});

@InputType('DescribeGalleryPhotoInput', {
  description:
    'A photo’s caption and credit in both languages; a field left out stays, null or "" clears it.',
})
export class DescribeGalleryPhotoInput {
  @Field(() => String, { nullable: true }) captionVi?: string | null;
  @Field(() => String, { nullable: true }) captionEn?: string | null;
  @Field(() => String, { nullable: true }) creditVi?: string | null;
  @Field(() => String, { nullable: true }) creditEn?: string | null;
}
