import { pino, Logger, LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Fields never written to a log line, whatever object a caller hands the logger: credentials,
 * tokens, cookies, GraphQL variables (they carry passwords and personal data) and connection
 * strings. Strings are not searched: callers log identifiers, not payloads.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'jwtSecret',
  'authorization',
  'cookie',
  'variables',
  'databaseUrl',
  'connectionString',
].flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

const loggers = new WeakMap<AppConfig, Logger>();

/**
 * The process's root pino logger for one configuration: the api's or worker's Nest logger, its
 * request log and its TypeORM logger share it. JSON lines on stdout at LOG_LEVEL (or on the
 * configuration's `logDestination`, which the tests use to read them back).
 */
export function platformLogger(config: AppConfig): Logger {
  let logger = loggers.get(config);
  if (!logger) {
    logger = createPlatformLogger(config);
    loggers.set(config, logger);
  }
  return logger;
}

/** A new root logger (prefer {@link platformLogger}, which shares one per configuration). */
export function createPlatformLogger(config: AppConfig, redact = true): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(redact ? { redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' } } : {}),
  };
  return config.logDestination ? pino(options, config.logDestination) : pino(options);
}

const lineLoggers = new WeakMap<AppConfig, Logger>();

/**
 * The logger of the per-request line, which is built field by field from known values (method,
 * path without its query, status, portal, operation name, address) and never from a caller's
 * object, so it has nothing to redact. Redaction walks every wildcard path on every line: at `info`
 * it was a quarter of the CPU a cached answer costs.
 */
export function platformRequestLineLogger(config: AppConfig): Logger {
  let logger = lineLoggers.get(config);
  if (!logger) {
    logger = createPlatformLogger(config, false);
    lineLoggers.set(config, logger);
  }
  return logger;
}

const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;

/** Blanks bearer tokens and JWTs in free text (a last line of defence for messages). */
export function scrubLogText(text: string): string {
  return text.replace(BEARER, '$1[redacted]').replace(JWT, '[redacted-jwt]');
}
