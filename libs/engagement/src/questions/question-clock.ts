import { Injectable } from '@nestjs/common';

/**
 * The time the questions workflow reads "now" from: receipt, routing and answer instants, which
 * anchor the deadlines. Tests replace `now` to receive a question at a fixed time (before a holiday
 * break); the deadline computation itself is never replaced.
 */
@Injectable()
export class QuestionClock {
  now(): Date {
    return new Date();
  }
}
