import { Module } from '@nestjs/common';
import { WorkflowFiguresRepository } from './workflow-figures.repository';

/** The editorial workflow's figures for the reports, for the lib that writes them (reporting). */
@Module({ providers: [WorkflowFiguresRepository], exports: [WorkflowFiguresRepository] })
export class WorkflowFiguresModule {}
