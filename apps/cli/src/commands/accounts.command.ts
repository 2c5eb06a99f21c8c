import { Command, Option } from 'commander';
import { systemContext } from '@portal/platform';
import { AccountService } from '@portal/identity';
import { ROLES, Role, RoleAssignmentService, RoleScope } from '@portal/access';
import { CliError, readSecret, tenantRef, withApp } from '../cli-context';

async function createAccount(
  opts: { tenant: string; username: string; displayName: string; email?: string },
  platformAdmin: boolean,
): Promise<void> {
  const password = await readSecret('PORTAL_PASSWORD');
  await withApp(async (app) => {
    const tenant = tenantRef(app, opts.tenant, '--tenant');
    const result = await app.get(AccountService).create(
      systemContext('cli'),
      {
        tenantId: tenant.id,
        username: opts.username,
        displayName: opts.displayName,
        email: opts.email,
        password,
      },
      { platformAdmin },
    );
    if (!result.ok)
      throw new CliError(`${result.error.field}: ${result.error.text.en} [${result.error.code}]`);
    process.stdout.write(
      `created ${platformAdmin ? 'platform administrator' : 'account'} ${result.value.username} (${result.value.id}) on ${tenant.primaryHost}\n`,
    );
  });
}

export function accountsCommand(): Command {
  const accounts = new Command('accounts').description(
    'accounts (passwords from PORTAL_PASSWORD or standard input)',
  );
  const common = (cmd: Command) =>
    cmd
      .requiredOption('--tenant <portal>', 'host or id of the home portal')
      .requiredOption('--username <username>')
      .requiredOption('--display-name <name>')
      .option('--email <email>');

  common(accounts.command('create-admin').description('create a PLATFORM_ADMIN account (bootstrap)')).action(
    (opts) => createAccount(opts, true),
  );
  common(accounts.command('create').description('create an account on a portal')).action((opts) =>
    createAccount(opts, false),
  );
  return accounts;
}

export function rolesCommand(): Command {
  const roles = new Command('roles').description('role assignments');
  roles
    .command('grant')
    .description('grant a role on a portal')
    .requiredOption('--username <username>')
    .requiredOption('--tenant <portal>', 'host or id of the portal')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .addOption(new Option('--scope <scope>').choices(Object.values(RoleScope)).default(RoleScope.TENANT))
    .option('--field <field...>', 'fields (lĩnh vực)')
    .action(
      async (opts: { username: string; tenant: string; role: Role; scope: RoleScope; field?: string[] }) => {
        await withApp(async (app) => {
          const tenant = tenantRef(app, opts.tenant, '--tenant');
          const account = await app
            .get(AccountService)
            .byUsername(systemContext('cli'), opts.username.toLowerCase());
          if (!account) throw new CliError(`--username: no account "${opts.username}"`);
          const result = await app.get(RoleAssignmentService).grant(systemContext('cli'), {
            accountId: account.id,
            tenantId: tenant.id,
            role: opts.role,
            scope: opts.scope,
            fields: opts.field,
          });
          if (!result.ok)
            throw new CliError(`${result.error.field}: ${result.error.text.en} [${result.error.code}]`);
          process.stdout.write(
            `granted ${opts.role} (${opts.scope}) on ${tenant.primaryHost} to ${account.username}\n`,
          );
        });
      },
    );
  return roles;
}
