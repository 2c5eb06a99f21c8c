import { Module } from '@nestjs/common';
import { EngagementFiguresRepository } from './engagement-figures.repository';

/** Engagement's figures for the reports, for the lib that writes them (reporting). */
@Module({ providers: [EngagementFiguresRepository], exports: [EngagementFiguresRepository] })
export class EngagementFiguresModule {}
