import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { scrubLogText } from './platform-logger';

const STACK = /\n\s+at /;

/**
 * Nest's Logger routed through pino: `new Logger('Jobs').warn('…')` becomes one JSON line with
 * `context: "Jobs"`, filtered by LOG_LEVEL like every other line. Nest's `verbose` is pino's `trace`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    // Nest's Logger instances append their context as the last argument.
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !STACK.test(last)) fields.context = rest.pop();
    for (const param of rest) {
      if (param === undefined) continue;
      if (typeof param === 'string') fields.stack = param;
      else if (param instanceof Error) fields.err = param;
      else if (typeof param === 'object') Object.assign(fields, param);
      else fields.detail = param;
    }
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
    } else {
      text = String(message);
    }
    this.logger[level](fields, text === undefined ? undefined : scrubLogText(text));
  }
}
