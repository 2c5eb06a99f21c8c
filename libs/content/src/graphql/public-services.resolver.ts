import {
  Args,
  Field,
  ID,
  Info,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  createUnionType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  CacheableInfo,
  CheckAbility,
  Ctx,
  Public,
  PublicCacheable,
  RequestContext,
  publicFor,
} from '@portal/platform';
import { PublicServicesService } from '../services/public-services.service';
import { ServiceLevel } from '../services/public-service-rules';
import { ImportFormat, ImportLineOutcome, ImportRejectedType } from './import.types';

registerEnumType(ServiceLevel, {
  name: 'ServiceLevel',
  description: 'FULL_ONLINE toàn trình, PARTIAL_ONLINE một phần, OFFLINE trực tiếp.',
});

@InputType('ImportPublicServicesInput')
export class ImportPublicServicesInputType {
  @Field(() => ImportFormat) format!: ImportFormat;
  @Field(() => String, { description: 'The file’s text (UTF-8), in the format of docs/citizens.md.' })
  content!: string;
  @Field(() => Boolean, { nullable: true, description: 'Check and count, write nothing.' })
  dryRun?: boolean | null;
}

@ObjectType('PublicServiceImportLine')
export class PublicServiceImportLineType {
  @Field(() => Int) line!: number;
  @Field(() => String) code!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => ImportLineOutcome) outcome!: ImportLineOutcome;
}

@ObjectType('PublicServiceImportReport')
export class PublicServiceImportReportType {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [PublicServiceImportLineType]) lines!: PublicServiceImportLineType[];
}

export const PublicServiceImportResult = createUnionType({
  name: 'PublicServiceImportResult',
  types: () => [PublicServiceImportReportType, ImportRejectedType] as const,
  resolveType: (v) => (v instanceof ImportRejectedType ? ImportRejectedType : PublicServiceImportReportType),
});

@InputType('PublicServicesFilter')
export class PublicServicesFilterInput {
  @Field(() => String, { nullable: true, description: 'Lĩnh vực, as listed in `fields`.' }) field?:
    string | null;
  @Field(() => ServiceLevel, { nullable: true }) level?: ServiceLevel | null;
}

@PublicCacheable()
@ObjectType('PublicService', {
  description: 'An administrative procedure / online public service of the portal.',
})
export class PublicServiceType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'In the request language (Vietnamese when there is no English name).' })
  name!: string;
  @Field(() => String) field!: string;
  @Field(() => ServiceLevel) level!: ServiceLevel;
  @Field(() => String, { description: 'Its entry on the public-service portal.' }) portalUrl!: string;
  @Field(() => Int, { nullable: true, description: 'Dossiers received (hồ sơ tiếp nhận).' })
  receivedCount!: number | null;
  @Field(() => Int, { nullable: true, description: 'Dossiers processed (hồ sơ đã giải quyết).' })
  processedCount!: number | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the counts were taken.' })
  countsAsOf!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The slug of the portal’s page on the procedure, if any.',
  })
  itemSlug!: string | null;
}

@PublicCacheable()
@ObjectType('PublicServiceCatalogue')
export class PublicServiceCatalogueType {
  @Field(() => [PublicServiceType]) services!: PublicServiceType[];
  @Field(() => [String], { description: 'The fields the catalogue holds (for a filter).' }) fields!: string[];
}

@ObjectType('PublicServiceEntry', {
  description: 'A catalogue entry as the board keeps it: both names, and whether it is withdrawn.',
})
export class PublicServiceEntryType {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String) field!: string;
  @Field(() => ServiceLevel) level!: ServiceLevel;
  @Field(() => String) portalUrl!: string;
  @Field(() => Int, { nullable: true }) receivedCount!: number | null;
  @Field(() => Int, { nullable: true }) processedCount!: number | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the counts were taken.' })
  countsAsOf!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Set when withdrawn (a file line with status WITHDRAWN).',
  })
  withdrawnAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
}

/** The catalogue of procedures and online public services: imported by the board, read by anyone. */
@Resolver()
export class PublicServicesResolver {
  constructor(private readonly services: PublicServicesService) {}

  @Query(() => PublicServiceCatalogueType, {
    description: 'The addressed portal’s procedures and online public services, by field and level.',
  })
  @Public()
  async publicServices(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('filter', { type: () => PublicServicesFilterInput, nullable: true })
    filter?: PublicServicesFilterInput,
  ): Promise<PublicServiceCatalogueType> {
    publicFor(info);
    const { rows, fields } = await this.services.catalogue(ctx.requireTenant().id, {
      field: filter?.field ?? null,
      level: filter?.level ?? null,
    });
    const en = ctx.locale === 'en';
    return {
      fields,
      services: rows.map((r) =>
        Object.assign(new PublicServiceType(), {
          id: r.id,
          code: r.code,
          name: (en && r.name_en) || r.name_vi,
          field: r.field,
          level: r.level,
          portalUrl: r.portal_url,
          receivedCount: r.received_count,
          processedCount: r.processed_count,
          countsAsOf: r.counts_as_of,
          itemSlug: r.item_slug,
        }),
      ),
    };
  }

  @Query(() => [PublicServiceEntryType], {
    description:
      'Every entry of the addressed portal’s catalogue, withdrawn ones too, by field and level: for those who keep it.',
  })
  @CheckAbility('publish', 'Content')
  async publicServiceEntries(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => PublicServicesFilterInput, nullable: true })
    filter?: PublicServicesFilterInput,
  ): Promise<PublicServiceEntryType[]> {
    const rows = await this.services.entries(ctx, {
      field: filter?.field ?? null,
      level: filter?.level ?? null,
    });
    return rows.map((r) =>
      Object.assign(new PublicServiceEntryType(), {
        id: r.id,
        code: r.code,
        nameVi: r.nameVi,
        nameEn: r.nameEn,
        field: r.field,
        level: r.level,
        portalUrl: r.portalUrl,
        receivedCount: r.receivedCount,
        processedCount: r.processedCount,
        countsAsOf: r.countsAsOf,
        withdrawnAt: r.withdrawnAt,
        updatedAt: r.updatedAt,
      }),
    );
  }

  @Mutation(() => PublicServiceImportResult, {
    description:
      'Imports the portal’s catalogue and usage counts from a CSV or JSON file (by procedure code). All or nothing; the same file again changes nothing.',
  })
  @CheckAbility('publish', 'Content')
  async importPublicServices(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => ImportPublicServicesInputType }) input: ImportPublicServicesInputType,
  ): Promise<typeof PublicServiceImportResult> {
    const r = await this.services.importCatalogue(ctx, input);
    if (!r.ok) return ImportRejectedType.from(r.problems, ctx.locale);
    return Object.assign(new PublicServiceImportReportType(), {
      ...r.report,
      lines: r.report.lines.map((l) => Object.assign(new PublicServiceImportLineType(), l)),
    });
  }
}
