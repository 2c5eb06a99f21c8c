import DataLoader from 'dataloader';
import { Context, Field, ID, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource, In } from 'typeorm';
import { PublicCacheable } from '@portal/platform';
import { PublicItemType } from '../graphql/public-content.resolver';
import { AttachmentEntity } from './attachment.entity';

@PublicCacheable()
@ObjectType('Attachment', {
  description: 'A file attached to an item (the legal document itself, annexes, images).',
})
export class AttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int) size!: number;
  @Field(() => String, { description: 'SHA-256 of the content.' }) sha256!: string;
  @Field(() => String, { description: 'Download path on the same host.' }) url!: string;
}

const loaders = new WeakMap<object, DataLoader<string, AttachmentType[]>>();

/**
 * `attachments` of a published item, loaded for all items of a response in one query (a
 * DataLoader per request). PublicItem values are live items of the host-resolved portal already.
 */
@Resolver(() => PublicItemType)
export class ItemAttachmentsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => [AttachmentType])
  attachments(@Parent() item: PublicItemType, @Context() gql: { req: object }): Promise<AttachmentType[]> {
    let loader = loaders.get(gql.req);
    if (!loader) {
      loader = new DataLoader(async (itemIds: readonly string[]) => {
        // UNSCOPED: attachments of items the public may already read (live, of the addressed portal).
        const rows = await this.dataSource
          .getRepository(AttachmentEntity)
          .find({ where: { itemId: In([...itemIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
        return itemIds.map((id) =>
          rows
            .filter((r) => r.itemId === id)
            .map((r) =>
              Object.assign(new AttachmentType(), {
                id: r.id,
                fileName: r.fileName,
                mediaType: r.mediaType,
                size: Number(r.size),
                sha256: r.sha256,
                url: `/attachments/${r.id}`,
              }),
            ),
        );
      });
      loaders.set(gql.req, loader);
    }
    return loader.load(item.id);
  }
}
