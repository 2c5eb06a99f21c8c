import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  RequestContext,
  Result,
} from '@portal/platform';
import { ItemMediaView } from './media-views';
import { MediaService } from './media.service';
import { DescribeGalleryPhotoInput, ItemMediaResult, ItemMediaType } from './media.types';

const answer = (ctx: RequestContext, r: Result<ItemMediaView>): typeof ItemMediaResult =>
  r.ok ? ItemMediaType.from(r.value) : InputErrorType.from(r.error, ctx.locale);

/**
 * Media items' files (uploaded by `POST /media/:role`): attach, describe, order, withdraw. Who may
 * edit the item may do these (the service checks the item's rules); other portals' items are NOT_FOUND.
 */
@Resolver()
export class MediaResolver {
  constructor(
    private readonly media: MediaService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => ItemMediaType, {
    nullable: true,
    description:
      'An item’s video or audio, poster, captions and gallery photos, for officers who may read it.',
  })
  @CheckAbility('read', 'Content')
  async itemMedia(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
  ): Promise<ItemMediaType | null> {
    const v = await this.media.itemMedia(ctx, itemId);
    return v ? ItemMediaType.from(v) : null;
  }

  @Mutation(() => ItemMediaResult, {
    description:
      'Attaches an uploaded media file to an item of a kind it fits (the item’s earlier video, audio, poster or captions is withdrawn; a photo goes last in the gallery).',
  })
  @Authenticated()
  async attachMediaFile(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('mediaFileId', { type: () => ID }) mediaFileId: string,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof ItemMediaResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'attachMediaFile', key, request: { itemId, mediaFileId } },
      (tx) => this.media.attach(tx, itemId, mediaFileId),
    );
    return answer(ctx, r);
  }

  @Mutation(() => ItemMediaResult, { description: 'Sets a gallery photo’s caption and credit (vi/en).' })
  @Authenticated()
  async describeGalleryPhoto(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => DescribeGalleryPhotoInput }) input: DescribeGalleryPhotoInput,
  ): Promise<typeof ItemMediaResult> {
    return answer(ctx, await this.media.describePhoto(ctx, id, input));
  }

  @Mutation(() => ItemMediaResult, {
    description:
      'Orders a gallery: the list names each of its current photos once (the same order again changes nothing).',
  })
  @Authenticated()
  async reorderGallery(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('photoIds', { type: () => [ID] }) photoIds: string[],
  ): Promise<typeof ItemMediaResult> {
    return answer(ctx, await this.media.reorder(ctx, itemId, photoIds));
  }

  @Mutation(() => ItemMediaResult, {
    description: 'Takes a media file off its item (kept, never deleted); the gallery closes up.',
  })
  @Authenticated()
  async withdrawMediaFile(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<typeof ItemMediaResult> {
    return answer(ctx, await this.media.withdraw(ctx, id));
  }
}
