import { Injectable } from '@nestjs/common';

/**
 * The instant citizens' writes are judged against (comment periods, the day of a rating). One
 * provider, so that tests can stand exactly on a period's edge.
 */
@Injectable()
export class EngagementClock {
  now(): Date {
    return new Date();
  }
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh (UTC+7 all year, no DST). */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
