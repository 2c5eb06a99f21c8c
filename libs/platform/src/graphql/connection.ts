import { Field, ObjectType } from '@nestjs/graphql';
import { PublicCacheable } from './cache-control.directive';
import { inputError } from '../errors/domain-error';
import { PlatformErrorCode } from '../errors/platform-error-code';

@PublicCacheable()
@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Keyset cursor: the ordered key values of the last row, opaque to clients. */
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): Array<string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as Array<string | number>;
    }
  } catch {
    // fall through to the typed error below
  }
  throw inputError(
    PlatformErrorCode.INVALID_CURSOR,
    field,
    'Con trỏ phân trang không hợp lệ.',
    'The pagination cursor is not valid.',
  );
}

/** The (timestamp, uuid) keyset cursor of a list ordered by a time then the row id. */
export function decodeTimeIdCursor(cursor: string, field = 'after'): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, 2, field);
  if (
    typeof id !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ||
    Number.isNaN(Date.parse(String(at)))
  )
    throw inputError(
      PlatformErrorCode.INVALID_CURSOR,
      field,
      'Con trỏ phân trang không hợp lệ.',
      'The pagination cursor is not valid.',
    );
  return { at: String(at), id };
}

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw inputError(
      PlatformErrorCode.INVALID_PAGE_SIZE,
      field,
      `Số mục mỗi trang phải từ 1 đến ${MAX_PAGE_SIZE}.`,
      `Page size must be between 1 and ${MAX_PAGE_SIZE}.`,
    );
  }
  return n;
}
