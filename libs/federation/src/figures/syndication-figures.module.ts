import { Module } from '@nestjs/common';
import { SyndicationFiguresRepository } from './syndication-figures.repository';

/** Syndication's figures for the reports, for the lib that writes them (reporting). */
@Module({ providers: [SyndicationFiguresRepository], exports: [SyndicationFiguresRepository] })
export class SyndicationFiguresModule {}
