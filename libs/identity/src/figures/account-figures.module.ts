import { Module } from '@nestjs/common';
import { AccountFiguresRepository } from './account-figures.repository';

/** Accounts as the reports name them, for the lib that writes them (reporting). */
@Module({ providers: [AccountFiguresRepository], exports: [AccountFiguresRepository] })
export class AccountFiguresModule {}
