import { Field, ObjectType } from '@nestjs/graphql';
import { DomainError } from '../errors/domain-error';
import type { Locale } from '../context/request-context';

/** The typed failure returned inside mutation result unions: a stable code, the field, the reason. */
@ObjectType('InputError', {
  description: 'An expected failure: what went wrong, on which field, in both languages.',
})
export class InputErrorType {
  @Field(() => String) errorCode!: string;
  @Field(() => String, { nullable: true, description: 'Input field the error is about, e.g. `label`.' })
  field!: string | null;
  @Field(() => String, { description: 'Message in the request locale.' }) message!: string;
  @Field(() => String) messageVi!: string;
  @Field(() => String) messageEn!: string;

  static from(error: DomainError, locale: Locale): InputErrorType {
    return Object.assign(new InputErrorType(), {
      errorCode: error.code,
      field: error.field,
      message: locale === 'vi' ? error.text.vi : error.text.en,
      messageVi: error.text.vi,
      messageEn: error.text.en,
    });
  }
}
