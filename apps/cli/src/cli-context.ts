import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { CliModule } from './cli.module';

/** Thrown for problems the user must fix; printed without a stack, exit code 1. */
export class CliError extends Error {}

/** Boots the libs against the configured database (bundled by default), runs `work`, shuts down. */
export async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  app.enableShutdownHooks();
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** A tenant named by host (`saigon.hochiminhcity.gov.vn`) or id. */
export function tenantRef(app: INestApplicationContext, ref: string, option: string): RoutedTenant {
  const routing = app.get(HostRoutingService);
  const byId = routing.tenant(ref);
  if (byId) return byId;
  const resolved = routing.resolve(ref);
  if (resolved.type === 'serve' || resolved.type === 'suspended') return resolved.tenant;
  throw new CliError(`${option}: no live portal "${ref}"`);
}

/** Reads a secret from an environment variable or, failing that, the first line of standard input. */
export async function readSecret(envName: string): Promise<string> {
  if (process.env[envName]) return process.env[envName]!;
  if (process.stdin.isTTY) throw new CliError(`set ${envName} or pipe the password on standard input`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const value = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (!value) throw new CliError(`no password on standard input (or set ${envName})`);
  return value;
}
