import { Command } from 'commander';
import { DemoSeeder } from '@portal/composition';
import { CliError, withApp } from './cli-context';
import { accountsCommand, rolesCommand } from './commands/accounts.command';
import { tenantsCommand } from './commands/tenants.command';
import { calendarCommand, deadlinesCommand } from './commands/calendar.command';
import { reportCommand } from './commands/report.command';
import { royaltiesCommand } from './commands/royalties.command';
import { backupCommand, restoreCommand } from './commands/backup.command';

// `portal tenants list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('portal')
  .description(
    'Operate the portal federation: portals, accounts, roles. Uses DATABASE_URL, or the bundled PostgreSQL in .data/ when unset.',
  )
  .showHelpAfterError();

program.addCommand(tenantsCommand());
program.addCommand(accountsCommand());
program.addCommand(rolesCommand());
program.addCommand(calendarCommand());
program.addCommand(deadlinesCommand());
program.addCommand(reportCommand());
program.addCommand(royaltiesCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());

program
  .command('migrate')
  .description('create or update the database schema (the api also does this at start-up)')
  .action(async () => {
    await withApp(async () => undefined);
    process.stdout.write('database schema is up to date\n');
  });

program
  .command('seed-demo')
  .description('load the demo federation from tenants/*.yaml and demo accounts into an empty database')
  .action(() =>
    withApp(async (app) => {
      const seeded = await app.get(DemoSeeder).seedIfEmpty();
      process.stdout.write(
        seeded ? 'demo federation loaded\n' : 'database already has portals; nothing done\n',
      );
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
