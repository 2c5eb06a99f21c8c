import { Command, Option } from 'commander';
import { systemContext, Result } from '@portal/platform';
import {
  ManifestApplyService,
  ProvisioningService,
  RestructuringService,
  RoutedTenant,
  TENANT_KINDS,
  TenantKind,
  loadTenantManifestFile,
  proposeDomainLabel,
  HostRoutingService,
  PORTAL_TEMPLATES,
  TemplateReapplyService,
} from '@portal/tenancy';
import { DeadlineService, applyManifestPolicies } from '@portal/calendar';
import { CliError, tenantRef, withApp } from '../cli-context';
import { readMergePlanFile, renderMergePreview } from './merge-plan-file';

const kindOption = () =>
  new Option('--kind <kind>', 'portal kind').choices(TENANT_KINDS).makeOptionMandatory();

function printResult(result: Result<RoutedTenant>, verb: string): void {
  if (!result.ok)
    throw new CliError(`${result.error.field ?? 'input'}: ${result.error.text.en} [${result.error.code}]`);
  process.stdout.write(`${verb} ${result.value.primaryHost} (${result.value.id})\n`);
}

function loadOrFail(file: string) {
  const parsed = loadTenantManifestFile(file);
  if (!parsed.ok) {
    throw new CliError(parsed.issues.map((i) => `${file}:${i.line}:${i.column}: ${i.message}`).join('\n'));
  }
  return parsed.manifest;
}

export function tenantsCommand(): Command {
  const tenants = new Command('tenants').description(
    'portals: labels, declarative trees, provisioning, restructuring',
  );

  tenants
    .command('label')
    .description('print the default domain label for a portal name')
    .argument('<name>', 'Vietnamese name, e.g. "Phường Bến Nghé"')
    .addOption(kindOption())
    .action((name: string, opts: { kind: TenantKind }) => {
      const label = proposeDomainLabel(name, opts.kind);
      if (!label) throw new CliError('nothing usable remains of that name for a label');
      process.stdout.write(`${label}\n`);
    });

  tenants
    .command('validate')
    .description('check manifest files without touching the database')
    .argument('<files...>')
    .action((files: string[]) => {
      for (const file of files) loadOrFail(file);
      process.stdout.write(`${files.length} manifest(s) valid\n`);
    });

  tenants
    .command('apply')
    .description('create or update the portal trees declared in manifest files (idempotent)')
    .argument('<files...>')
    .action(async (files: string[]) => {
      const manifests = files.map((file) => ({ file, manifest: loadOrFail(file) }));
      await withApp(async (app) => {
        for (const { file, manifest } of manifests) {
          const report = await app.get(ManifestApplyService).apply(systemContext('cli'), manifest);
          if (report.problems.length)
            throw new CliError(
              report.problems.map((p) => `${file} ${p.path}: ${p.message} [${p.code}]`).join('\n'),
            );
          const policies = await applyManifestPolicies(
            systemContext('cli'),
            manifest,
            app.get(HostRoutingService),
            app.get(DeadlineService),
          );
          if (policies.problems.length)
            throw new CliError(policies.problems.map((p) => `${file} ${p}`).join('\n'));
          process.stdout.write(
            `${file}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}${policies.assigned.length ? `, deadline policy set on ${policies.assigned.join(', ')}` : ''}\n`,
          );
        }
      });
    });

  tenants
    .command('list')
    .description('print a tree of portals')
    .option('--under <portal>', 'host or id of the subtree root')
    .action(async (opts: { under?: string }) => {
      await withApp(async (app) => {
        const routing = app.get(HostRoutingService);
        const print = (t: RoutedTenant, depth: number): void => {
          process.stdout.write(
            `${'  '.repeat(depth)}${t.primaryHost}  ${t.kind}  ${t.nameVi}${t.status === 'ACTIVE' ? '' : `  [${t.status}]`}\n`,
          );
          routing.children(t.id).forEach((c) => print(c, depth + 1));
        };
        if (opts.under) print(tenantRef(app, opts.under, '--under'), 0);
        else routing.roots().forEach((root) => print(root, 0));
      });
    });

  tenants
    .command('create')
    .description('provision a component portal under a parent')
    .requiredOption('--parent <portal>', 'host or id of the parent')
    .addOption(kindOption())
    .requiredOption('--name-vi <name>', 'Vietnamese name')
    .option('--name-en <name>', 'English name')
    .option('--label <label>', 'domain label (default: proposed from the name)')
    .option('--unit-code <code>', 'administrative unit code')
    .option('--alias <host...>', 'alias hosts')
    .option('--template <name>', 'provisioning template')
    .action(
      async (opts: {
        parent: string;
        kind: TenantKind;
        nameVi: string;
        nameEn?: string;
        label?: string;
        unitCode?: string;
        alias?: string[];
        template?: string;
      }) => {
        await withApp(async (app) => {
          const parent = tenantRef(app, opts.parent, '--parent');
          const result = await app.get(ProvisioningService).provision(systemContext('cli'), {
            parentId: parent.id,
            kind: opts.kind,
            nameVi: opts.nameVi,
            nameEn: opts.nameEn,
            label: opts.label,
            unitCode: opts.unitCode,
            aliases: opts.alias,
            template: opts.template,
          });
          printResult(result, 'created');
        });
      },
    );

  tenants
    .command('merge')
    .description(
      'merge portals into one with their content, categories, roles and accounts; without --yes, print the dry run and the proposed plan (YAML) and write nothing',
    )
    .argument('<sources...>', 'hosts or ids of the portals to merge')
    .requiredOption('--into <portal>', 'host or id of the portal that remains')
    .option('--plan <file>', 'a plan printed by the dry run, edited (category and role mapping)')
    .option('--yes', 'apply the plan (the proposed one without --plan)')
    .action(async (sources: string[], opts: { into: string; plan?: string; yes?: boolean }) => {
      await withApp(async (app) => {
        const ids = sources.map((s) => tenantRef(app, s, 'source').id);
        const target = tenantRef(app, opts.into, '--into');
        const given = opts.plan ? readMergePlanFile(opts.plan, target) : null;
        const restructuring = app.get(RestructuringService);
        const ctx = systemContext('cli');
        const preview = await restructuring.mergePreview(ctx, ids, target.id, given);
        if (!preview.ok)
          throw new CliError(
            `${preview.error.field ?? 'input'}: ${preview.error.text.en} [${preview.error.code}]`,
          );
        if (!opts.yes) {
          const routing = app.get(HostRoutingService);
          process.stdout.write(
            renderMergePreview(preview.value, (id) => routing.tenant(id)?.primaryHost ?? id),
          );
          return;
        }
        const plan = given ?? {
          categoryMapping: preview.value.plan.categoryMapping.map((e) => ({
            sourceCategoryId: e.sourceCategoryId,
            targetCategoryId: e.targetCategoryId,
          })),
          roleMapping: preview.value.plan.roleMapping.map((e) => ({
            assignmentId: e.assignmentId,
            action: e.action,
          })),
        };
        printResult(await restructuring.merge(ctx, ids, target.id, plan), 'merged into');
      });
    });

  tenants
    .command('move')
    .description('move a portal (and its subtree) under a new parent; old hosts redirect')
    .argument('<portal>')
    .requiredOption('--to <parent>', 'host or id of the new parent')
    .option('--label <label>', 'new domain label')
    .action(async (portal: string, opts: { to: string; label?: string }) => {
      await withApp(async (app) => {
        const tenant = tenantRef(app, portal, 'portal');
        printResult(
          await app
            .get(RestructuringService)
            .move(systemContext('cli'), tenant.id, tenantRef(app, opts.to, '--to').id, opts.label),
          'moved to',
        );
      });
    });

  tenants
    .command('retire')
    .description('retire a portal; its hosts redirect to the successor (the parent by default)')
    .argument('<portal>')
    .option('--successor <portal>', 'host or id of the successor')
    .action(async (portal: string, opts: { successor?: string }) => {
      await withApp(async (app) => {
        const tenant = tenantRef(app, portal, 'portal');
        const successor = opts.successor ? tenantRef(app, opts.successor, '--successor').id : null;
        printResult(
          await app.get(RestructuringService).retire(systemContext('cli'), tenant.id, successor),
          'retired; visitors now go to',
        );
      });
    });

  tenants
    .command('reapply-template')
    .description(
      'carry a template change to the portals made from it below a portal, part by part, skipping the parts a portal changed itself (a dry run unless --apply)',
    )
    .argument('<template>', `one of: ${Object.keys(PORTAL_TEMPLATES).join(', ')}`)
    .requiredOption(
      '--under <portal>',
      'host or id of the portal whose subtree is re-applied (itself included)',
    )
    .option('--apply', 'make the changes (without it: report what would change)')
    .action(async (template: string, opts: { under: string; apply?: boolean }) => {
      await withApp(async (app) => {
        const root = tenantRef(app, opts.under, '--under');
        const r = await app
          .get(TemplateReapplyService)
          .reapply(systemContext('cli').withTenant(root), template, !opts.apply);
        if (!r.ok) throw new CliError(`${r.error.field ?? 'input'}: ${r.error.text.en} [${r.error.code}]`);
        const out: string[] = [`${r.value.dryRun ? 'dry run' : 'applied'}: template ${template}`];
        for (const p of r.value.portals) {
          out.push(`${p.portal.primaryHost}: ${p.changes.length} change(s), ${p.skipped.length} skipped`);
          for (const c of p.changes) out.push(`  ${c.action} ${c.part}: ${c.detail}`);
          for (const s of p.skipped) out.push(`  SKIPPED ${s.part}: ${s.reasonEn} [${s.reason}]`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  return tenants;
}
