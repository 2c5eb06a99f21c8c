import {
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  createUnionType,
  registerEnumType,
} from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { RatingPeriod } from '../ratings/rating-period';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(RatingPeriod, {
  name: 'RatingPeriod',
  description: 'Calendar months, quarters or years in Asia/Ho_Chi_Minh.',
});

@InputType('RatePortalInput', { description: 'Scores from 1 (poor) to 5 (very good).' })
export class RatePortalInput {
  @Field(() => Int) interface!: number;
  @Field(() => Int) content!: number;
  @Field(() => Int) quality!: number;
  @Field(() => Int) support!: number;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@ObjectType('PortalRatingReceipt')
export class PortalRatingReceiptType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The Vietnamese calendar day it counts for.' }) ratedOn!: string;
  @Field(() => Int) interface!: number;
  @Field(() => Int) content!: number;
  @Field(() => Int) quality!: number;
  @Field(() => Int) support!: number;
}

export const RatePortalResult = createUnionType({
  name: 'RatePortalResult',
  types: () => [PortalRatingReceiptType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : PortalRatingReceiptType),
});

@ObjectType('RatingScores', { description: 'Average score per criterion (two decimals).' })
export class RatingScoresType {
  @Field(() => Float) interface!: number;
  @Field(() => Float) content!: number;
  @Field(() => Float) quality!: number;
  @Field(() => Float) support!: number;
}

@ObjectType('RatingAggregate')
export class RatingAggregateType {
  @Field(() => Int) count!: number;
  @Field(() => RatingScoresType, { nullable: true, description: 'Null when nobody rated.' })
  averages!: RatingScoresType | null;
  @Field(() => Float, { nullable: true, description: 'Mean of the four criteria.' }) overall!: number | null;
}

@ObjectType('RatingBucket', { description: 'Ratings of one calendar period (only days inside the range).' })
export class RatingBucketType extends RatingAggregateType {
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD).' }) periodStart!: string;
  @Field(() => String, { description: '2026-03, 2026-Q1 or 2026.' }) label!: string;
}
