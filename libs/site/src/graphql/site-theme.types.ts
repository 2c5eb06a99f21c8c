import { Field, ID, InputType, ObjectType, createUnionType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';

const text = (description: string) => ({ nullable: true, description });

@InputType('SiteThemeInput', {
  description: "A portal's own look; a field left out or empty is inherited from the parent portal.",
})
export class SiteThemeInput {
  @Field(() => String, text('Header colour, #rrggbb; white text on it needs 4.5:1.')) primaryColour?:
    string | null;
  @Field(() => String, text('Accent colour, #rrggbb; on the header colour it needs 4.5:1.')) accentColour?:
    string | null;
  @Field(
    () => String,
    text('Logo image (https:// or a path on this portal); the national emblem when unset.'),
  )
  logoUrl?: string | null;
  @Field(() => String, text('Banner image under the header (https:// or a path on this portal).'))
  bannerUrl?: string | null;
  @Field(() => String, text('Text alternative of the banner, Vietnamese (required with a banner).'))
  bannerAltVi?: string | null;
  @Field(() => String, text('Text alternative of the banner, English.')) bannerAltEn?: string | null;
  @Field(() => String, text('Owner agency (cơ quan chủ quản), Vietnamese.')) ownerVi?: string | null;
  @Field(() => String, text('Owner agency, English.')) ownerEn?: string | null;
  @Field(() => String, text('Postal address shown in the footer.')) address?: string | null;
  @Field(() => String, text('Telephone shown in the footer.')) phone?: string | null;
  @Field(() => String, text('E-mail shown in the footer.')) email?: string | null;
  @Field(() => String, text('Head of the editorial board (người chịu trách nhiệm).')) editorInChief?:
    string | null;
  @Field(() => String, text('Licence line (giấy phép), e.g. its number and issuer.')) licence?: string | null;
}

@ObjectType('SiteTheme', { description: "A portal's look as its pages show it (inheritance applied)." })
export class SiteThemeType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) primaryColour!: string;
  @Field(() => String) accentColour!: string;
  @Field(() => String, { nullable: true }) logoUrl!: string | null;
  @Field(() => String, { nullable: true }) bannerUrl!: string | null;
  @Field(() => String, { nullable: true }) bannerAltVi!: string | null;
  @Field(() => String, { nullable: true }) bannerAltEn!: string | null;
  @Field(() => String, { nullable: true }) ownerVi!: string | null;
  @Field(() => String, { nullable: true }) ownerEn!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) editorInChief!: string | null;
  @Field(() => String, { nullable: true }) licence!: string | null;
  @Field(() => [String], { description: 'The fields this portal inherits from a portal above it.' })
  inheritedFields!: string[];
  @Field(() => [String], {
    description: 'The fields this portal sets itself (the others are inherited or the defaults).',
  })
  ownFields!: string[];
}

export const SiteThemeResult = createUnionType({
  name: 'SiteThemeResult',
  types: () => [SiteThemeType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SiteThemeType),
});
