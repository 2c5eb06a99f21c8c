import { Field, ID, InputType, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { LegalRelationKind, LegalValidity } from '../legal/legal-validity';
import type { LegalDocumentView } from '../legal/legal-validity.service';

registerEnumType(LegalValidity, {
  name: 'LegalValidity',
  description:
    'Tình trạng hiệu lực: IN_FORCE còn hiệu lực, PARTLY_IN_FORCE hết hiệu lực một phần, EXPIRED hết hiệu lực toàn bộ, NOT_YET_EFFECTIVE chưa có hiệu lực.',
});
registerEnumType(LegalRelationKind, {
  name: 'LegalRelationKind',
  description: 'A relation read from one document; REPLACED_BY is the other’s REPLACES (stored once).',
});

@InputType('LegalValidityInput')
export class LegalValidityInputType {
  @Field(() => LegalValidity) validity!: LegalValidity;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD; from that day the document reads as EXPIRED.',
  })
  expiryDate?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Its entry in the national legal database (https://vbpl.vn/… or phapluat.gov.vn).',
  })
  nationalDbUrl?: string | null;
}

@InputType('RelateLegalDocumentsInput')
export class RelateLegalDocumentsInputType {
  @Field(() => ID, { description: 'A legal document of the addressed portal (or below).' }) itemId!: string;
  @Field(() => LegalRelationKind) kind!: LegalRelationKind;
  @Field(() => ID, { description: 'A live legal document of any portal, or one of the caller’s own.' })
  otherItemId!: string;
}

@ObjectType('LegalRelation')
export class LegalRelationType {
  @Field(() => ID) id!: string;
  @Field(() => LegalRelationKind) kind!: LegalRelationKind;
  @Field(() => ID) otherItemId!: string;
  @Field(() => ID) otherTenantId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Null when the other is neither live nor the caller’s.',
  })
  otherTitle!: string | null;
  @Field(() => String, { nullable: true }) otherNumber!: string | null;
}

@ObjectType('LegalDocumentStatus')
export class LegalDocumentStatusType {
  @Field(() => ID) itemId!: string;
  @Field(() => LegalValidity, { nullable: true, description: 'As stated.' }) validity!: LegalValidity | null;
  @Field(() => LegalValidity, { nullable: true, description: 'Today (EXPIRED from the expiry date on).' })
  validityToday!: LegalValidity | null;
  @Field(() => String, { nullable: true }) expiryDate!: string | null;
  @Field(() => String, { nullable: true }) nationalDbUrl!: string | null;
  @Field(() => [LegalRelationType], { description: 'Both ways: those it states and those stated of it.' })
  relations!: LegalRelationType[];

  static from(v: LegalDocumentView): LegalDocumentStatusType {
    return Object.assign(new LegalDocumentStatusType(), {
      ...v,
      relations: v.relations.map((r) => Object.assign(new LegalRelationType(), r)),
    });
  }
}

export const LegalDocumentStatusResult = createUnionType({
  name: 'LegalDocumentStatusResult',
  types: () => [LegalDocumentStatusType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : LegalDocumentStatusType),
});

@ObjectType('LegalDocumentMatch', { description: 'A live legal document found by its number.' })
export class LegalDocumentMatchType {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: 'Its portal’s name, in the request language.' }) portalName!: string;
  @Field(() => String) number!: string;
  @Field(() => String) title!: string;
}
