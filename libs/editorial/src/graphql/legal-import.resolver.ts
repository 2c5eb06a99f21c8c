import {
  Args,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  createUnionType,
} from '@nestjs/graphql';
import { ImportFormat, ImportLineOutcome, ImportRejectedType } from '@portal/content';
import { CheckAbility, Ctx, RequestContext } from '@portal/platform';
import { LegalImportService } from '../legal-import/legal-import.service';

@InputType('ImportLegalDocumentsInput')
export class ImportLegalDocumentsInputType {
  @Field(() => ImportFormat) format!: ImportFormat;
  @Field(() => String, { description: 'The file’s text (UTF-8), in the format of docs/editorial.md.' })
  content!: string;
  @Field(() => Boolean, { nullable: true, description: 'Check and count, write nothing.' })
  dryRun?: boolean | null;
}

@ObjectType('LegalImportLine')
export class LegalImportLineType {
  @Field(() => Int) line!: number;
  @Field(() => String) number!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => ImportLineOutcome, { description: 'CREATED: a new draft in the workflow.' })
  outcome!: ImportLineOutcome;
}

@ObjectType('LegalImportReport')
export class LegalImportReportType {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) relationsAdded!: number;
  @Field(() => [LegalImportLineType]) lines!: LegalImportLineType[];
}

export const LegalImportResult = createUnionType({
  name: 'LegalImportResult',
  types: () => [LegalImportReportType, ImportRejectedType] as const,
  resolveType: (v) => (v instanceof ImportRejectedType ? ImportRejectedType : LegalImportReportType),
});

/** Imports a list of legal documents into the addressed portal (board, operator). */
@Resolver()
export class LegalImportResolver {
  constructor(private readonly imports: LegalImportService) {}

  @Mutation(() => LegalImportResult, {
    description:
      'Imports legal documents from a CSV or JSON file: known numbers get validity and relations, new ones become drafts. All or nothing; the same file again changes nothing.',
  })
  @CheckAbility('publish', 'Content')
  async importLegalDocuments(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => ImportLegalDocumentsInputType }) input: ImportLegalDocumentsInputType,
  ): Promise<typeof LegalImportResult> {
    const r = await this.imports.import(ctx, input);
    if (!r.ok) return ImportRejectedType.from(r.problems, ctx.locale);
    return Object.assign(new LegalImportReportType(), {
      ...r.report,
      lines: r.report.lines.map((l) => Object.assign(new LegalImportLineType(), l)),
    });
  }
}
