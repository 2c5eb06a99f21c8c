import { Injectable, OnModuleInit } from '@nestjs/common';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';
import { DialogueRepository } from './dialogue.repository';

type Manager = Parameters<MergeParticipant['preview']>[0];

/**
 * Online dialogues' share of a merge: a merged portal's sessions (with their guests, questions and
 * answers) move to the target, whose page lists them and whose board carries on with them. The
 * transcripts are content items and move with the items.
 */
@Injectable()
export class DialogueMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'dialogues';
  readonly order = 240;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  preview(m: Manager, plan: MergeContext): Promise<Record<string, number>> {
    return DialogueRepository.mergeCounts(
      m,
      plan.sources.map((s) => s.id),
    );
  }

  apply(_tx: RequestContext, m: Manager, plan: MergeContext): Promise<Record<string, number>> {
    return DialogueRepository.mergeMove(
      m,
      plan.sources.map((s) => s.id),
      plan.target.id,
    );
  }
}
