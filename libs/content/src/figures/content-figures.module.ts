import { Module } from '@nestjs/common';
import { ContentFiguresRepository } from './content-figures.repository';

/** Content's figures for the reports, for the lib that writes them (reporting). */
@Module({ providers: [ContentFiguresRepository], exports: [ContentFiguresRepository] })
export class ContentFiguresModule {}
