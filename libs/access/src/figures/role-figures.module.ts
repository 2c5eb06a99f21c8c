import { Module } from '@nestjs/common';
import { RoleFiguresRepository } from './role-figures.repository';

/** Role holders as the reports count them, for the lib that writes them (reporting). */
@Module({ providers: [RoleFiguresRepository], exports: [RoleFiguresRepository] })
export class RoleFiguresModule {}
