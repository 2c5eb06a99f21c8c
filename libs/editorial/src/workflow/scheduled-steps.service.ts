import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue, systemContext } from '@portal/platform';
import { EditorialErrorCode } from '../errors/editorial-error-code';
import { EditorialRepository } from './editorial.repository';
import { RevisionStatus, WorkflowAction } from './workflow';
import { PUBLISH_JOB, WITHDRAW_JOB, WorkflowTransitionService } from './workflow-transition.service';

type ScheduledStep = { itemId: string; revisionId: string; at: string };

/** The jobs that take a scheduled step at its time: publish a scheduled revision, withdraw a live one. */
@Injectable()
export class ScheduledStepsService implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly states: EditorialRepository,
    private readonly workflow: WorkflowTransitionService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<ScheduledStep>(PUBLISH_JOB, (data) => this.publishScheduled(data));
    this.jobs.register<ScheduledStep>(WITHDRAW_JOB, (data) => this.withdrawScheduled(data));
  }

  /** Publishes a scheduled revision, unless it was unscheduled, rescheduled or published meanwhile. */
  private async publishScheduled(data: ScheduledStep): Promise<void> {
    const state = await this.states.stateForJob(data.revisionId);
    if (state?.status !== RevisionStatus.SCHEDULED || state.scheduledAt?.toISOString() !== data.at) return;
    await this.take(data.itemId, WorkflowAction.PUBLISH);
  }

  /** Withdraws a live revision at its time, unless another revision went live or it was withdrawn. */
  private async withdrawScheduled(data: ScheduledStep): Promise<void> {
    const state = await this.states.stateForJob(data.revisionId);
    if (state?.status !== RevisionStatus.PUBLISHED || state.withdrawAt?.toISOString() !== data.at) return;
    await this.take(data.itemId, WorkflowAction.WITHDRAW);
  }

  /** A step the state no longer allows was overtaken by another: nothing to do, nothing to retry. */
  private async take(itemId: string, action: WorkflowAction): Promise<void> {
    const result = await this.workflow.transition(systemContext('jobs'), itemId, action);
    if (!result.ok && result.error.code !== EditorialErrorCode.INVALID_TRANSITION) throw result.error;
  }
}
