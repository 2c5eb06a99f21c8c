/** Where the value of one coefficient unit comes from. */
export enum UnitBasis {
  /** A share (percent) of the statutory base salary (lương cơ sở) in force on the day. */
  BASE_SALARY_SHARE = 'BASE_SALARY_SHARE',
  /** A fixed amount in đồng, dated. */
  FIXED = 'FIXED',
}

/** Roles paid a monthly remuneration (thù lao) line. */
export const REMUNERATED_ROLES = [
  'OWNER',
  'MANAGER',
  'OPERATOR',
  'BOARD_HEAD',
  'BOARD_DEPUTY',
  'BOARD_MEMBER',
  'CONTRIBUTOR',
] as const;
export type RemuneratedRole = (typeof REMUNERATED_ROLES)[number];

/** A dated value: in force from `from` (a local date, YYYY-MM-DD) until the next one. */
export interface DatedValue {
  from: string;
  /** Đồng: the base salary (BASE_SALARY_SHARE) or the unit value (FIXED). */
  amount: number;
  document: string;
  article: string;
}

export interface UnitValueRule {
  basis: UnitBasis;
  /** For BASE_SALARY_SHARE: the share of the base salary one unit is worth, in percent. */
  percent?: number;
  article: string;
  values: DatedValue[];
}

export interface GenreRule {
  key: string;
  nameVi: string;
  nameEn: string;
  /** Coefficient range, at most two decimals. */
  min: number;
  max: number;
  article: string;
}

export interface RangeRule {
  min: number;
  max: number;
  article: string;
}

export interface PercentRule {
  percent: number;
  article: string;
}

export interface RemunerationRule {
  role: RemuneratedRole;
  nameVi: string;
  /** Monthly coefficient, paid at the unit value in force on the month's last day. */
  coefficient: number;
  article: string;
}

/** A royalty profile as written in `tenants/royalties/*.yaml`. */
export interface RoyaltyProfile {
  apiVersion: 'portal/v1';
  kind: 'RoyaltyProfile';
  key: string;
  extends?: string;
  nameVi: string;
  nameEn?: string;
  document: string;
  /**
   * What has not been checked against the published text of `document`, when something has not:
   * every statement under the profile (or one extending it) then carries a warning.
   */
  unverified?: string;
  unitValue?: UnitValueRule;
  eligibleKinds?: string[];
  genres?: GenreRule[];
  photo?: RangeRule;
  lowerLevelShare?: PercentRule;
  repostFactor?: PercentRule;
  remuneration?: RemunerationRule[];
}

/** A profile with its `extends` chain applied: each top-level rule from the nearest profile that has it. */
export interface ResolvedRoyaltyProfile {
  key: string;
  nameVi: string;
  document: string;
  /** The first `unverified` note of the chain: a rule taken from an unchecked profile is unchecked. */
  unverified: string | null;
  /** The profile each rule came from, by rule name. */
  sources: Record<string, string>;
  unitValue: UnitValueRule;
  eligibleKinds: string[];
  genres: GenreRule[];
  photo: RangeRule | null;
  lowerLevelShare: PercentRule | null;
  repostFactor: PercentRule | null;
  remuneration: RemunerationRule[];
}
