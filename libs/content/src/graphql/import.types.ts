import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ImportProblem } from '../import/tabular-file';

export enum ImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'The format of an imported list (UTF-8).',
});

export enum ImportLineOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportLineOutcome, {
  name: 'ImportLineOutcome',
  description:
    'What the import did with a line: CREATED a new entry, UPDATED a known one, or nothing (UNCHANGED).',
});

@ObjectType('ImportLineError', { description: 'A problem on one line of an imported file.' })
export class ImportLineErrorType {
  @Field(() => Int, { description: '1-based, where the row starts in the file.' }) line!: number;
  @Field(() => String, { description: 'The column (or `file`, `content`).' }) field!: string;
  @Field(() => String) errorCode!: string;
  @Field(() => String, { description: 'In the request language.' }) message!: string;
  @Field(() => String) messageVi!: string;
  @Field(() => String) messageEn!: string;
}

@ObjectType('ImportRejected', {
  description: 'The file was refused and nothing was written: every problem, by line (at most 200).',
})
export class ImportRejectedType {
  @Field(() => [ImportLineErrorType]) errors!: ImportLineErrorType[];

  static from(problems: ImportProblem[], locale: string): ImportRejectedType {
    const en = locale === 'en';
    return Object.assign(new ImportRejectedType(), {
      errors: problems.slice(0, 200).map((p) =>
        Object.assign(new ImportLineErrorType(), {
          line: p.line,
          field: p.field,
          errorCode: p.code,
          message: en ? p.en : p.vi,
          messageVi: p.vi,
          messageEn: p.en,
        }),
      ),
    });
  }
}
