import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  Public,
  RequestContext,
  ok,
} from '@portal/platform';
import { SentInformationStatus, SentInformationEntity } from '../sent-information/sent-information.entity';
import { SentInformationService } from '../sent-information/sent-information.service';
import {
  SendInformationInput,
  SentFileType,
  SentInformationConnectionType,
  SentInformationReceiptResult,
  SentInformationReceiptType,
  SentInformationResult,
  SentInformationTrackingType,
  SentInformationType,
  TakeUpSentInformationInput,
} from './sent-information.types';

function present(row: SentInformationEntity): SentInformationType {
  return Object.assign(new SentInformationType(), {
    id: row.id,
    tenantId: row.tenantId,
    trackingCode: row.trackingCode,
    status: row.status,
    senderName: row.senderName,
    organisation: row.organisation,
    position: row.position,
    email: row.email,
    phone: row.phone,
    address: row.address,
    title: row.title,
    body: row.body,
    file: row.fileName
      ? Object.assign(new SentFileType(), {
          fileName: row.fileName,
          mediaType: row.fileMediaType,
          size: Number(row.fileSize),
          href: `/sent-information/${row.id}/file`,
        })
      : null,
    receivedAt: row.receivedAt,
    handledAt: row.handledAt,
    itemId: row.itemId,
    declineReason: row.declineReason,
  });
}

/**
 * Information sent in by organisations and people: anyone sends it (behind the public write gate)
 * and follows it by its code; the board and its contributors read the intake queue, take a piece up
 * (a draft item is written from it) or decline it with a reason.
 */
@Resolver()
export class SentInformationResolver {
  constructor(
    private readonly sent: SentInformationService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Mutation(() => SentInformationReceiptResult, {
    description: 'Sends information to the addressed portal’s editorial board; answers a tracking code.',
  })
  @Public()
  async sendInformation(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SendInformationInput }) input: SendInformationInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SentInformationReceiptResult> {
    const { proof, ...request } = input;
    const r = await this.idempotency.run(ctx, { operation: 'sendInformation', key, request }, (tx) =>
      this.sent.send(tx, request, proof ?? {}),
    );
    return r.ok
      ? Object.assign(new SentInformationReceiptType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Query(() => SentInformationTrackingType, {
    nullable: true,
    description: 'Sent information by its tracking code, on the portal it was sent to.',
  })
  @Public()
  async trackSentInformation(
    @Ctx() ctx: RequestContext,
    @Args('code', { type: () => String }) code: string,
  ): Promise<SentInformationTrackingType | null> {
    const found = await this.sent.track(ctx, code);
    return found ? Object.assign(new SentInformationTrackingType(), found) : null;
  }

  @Query(() => SentInformationConnectionType, {
    description:
      'The intake queue: information sent to the portal (and below, for subtree roles), newest first.',
  })
  @CheckAbility('read', 'SentInformation')
  async sentInformation(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => SentInformationStatus, nullable: true }) status?: SentInformationStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<SentInformationConnectionType> {
    const page = await this.sent.list(ctx, { status, first, after });
    return Object.assign(new SentInformationConnectionType(), { ...page, nodes: page.nodes.map(present) });
  }

  @Query(() => SentInformationType, { description: 'One piece of sent information.' })
  @CheckAbility('read', 'SentInformation')
  async sentInformationItem(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SentInformationType> {
    return present(await this.sent.view(ctx, id));
  }

  @Mutation(() => SentInformationResult, {
    description: 'Takes it up: writes a draft item of the portal from it, with the caller as its writer.',
  })
  @CheckAbility('update', 'SentInformation')
  async takeUpSentInformation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => TakeUpSentInformationInput, nullable: true })
    input: TakeUpSentInformationInput | null,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SentInformationResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'takeUpSentInformation', key, request: { id, input } },
      async (tx) => {
        const done = await this.sent.takeUp(tx, id, input ?? {});
        return done.ok ? ok(present(done.value)) : done;
      },
    );
    return r.ok
      ? Object.assign(new SentInformationType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => SentInformationResult, { description: 'Declines it, with the reason the sender is told.' })
  @CheckAbility('moderate', 'SentInformation')
  async declineSentInformation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<typeof SentInformationResult> {
    const r = await this.sent.decline(ctx, id, reason);
    return r.ok ? present(r.value) : InputErrorType.from(r.error, ctx.locale);
  }
}
