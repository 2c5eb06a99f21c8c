import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoleAssignmentService, Role, RoleScope } from '@portal/access';
import { DeadlineService, applyManifestPolicies } from '@portal/calendar';
import { AccountService } from '@portal/identity';
import { APP_CONFIG, AppConfig, systemContext } from '@portal/platform';
import { HostRoutingService, ManifestApplyService, loadTenantManifestFile } from '@portal/tenancy';

/** Demo accounts (embedded default only): who they are and what they may do. */
export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    displayName: 'Quản trị nền tảng',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: true,
    role: null,
  },
  {
    username: 'hcm.operator',
    displayName: 'Văn phòng UBND Thành phố (vận hành)',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.OPERATOR, scope: RoleScope.SUBTREE },
  },
  {
    username: 'hcm.manager',
    displayName: 'Cơ quan quản lý Cổng Thành phố',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.MANAGER, scope: RoleScope.SUBTREE },
  },
  {
    username: 'saigon.operator',
    displayName: 'Phường Sài Gòn (vận hành)',
    host: 'saigon.hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.OPERATOR, scope: RoleScope.TENANT },
  },
  // Editorial boards (05/2024/QĐ-UBND art. 9) and a contributor each, for the city and one ward: enough to take
  // an item from draft to published in a browser.
  {
    username: 'hcm.board.head',
    displayName: 'Trưởng Ban biên tập Cổng Thành phố',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.BOARD_HEAD, scope: RoleScope.TENANT },
  },
  {
    username: 'hcm.board.member',
    displayName: 'Thành viên Ban biên tập Cổng Thành phố',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.BOARD_MEMBER, scope: RoleScope.TENANT },
  },
  {
    username: 'hcm.writer',
    displayName: 'Cộng tác viên Cổng Thành phố',
    host: 'hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.CONTRIBUTOR, scope: RoleScope.TENANT },
  },
  {
    username: 'saigon.board.head',
    displayName: 'Trưởng Ban biên tập Phường Sài Gòn',
    host: 'saigon.hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.BOARD_HEAD, scope: RoleScope.TENANT },
  },
  {
    username: 'saigon.board.member',
    displayName: 'Thành viên Ban biên tập Phường Sài Gòn',
    host: 'saigon.hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.BOARD_MEMBER, scope: RoleScope.TENANT },
  },
  {
    username: 'saigon.writer',
    displayName: 'Cộng tác viên Phường Sài Gòn',
    host: 'saigon.hochiminhcity.gov.vn',
    platformAdmin: false,
    role: { role: Role.CONTRIBUTOR, scope: RoleScope.TENANT },
  },
  {
    username: 'kiengiang.operator',
    displayName: 'Văn phòng UBND tỉnh Kiên Giang (vận hành)',
    host: 'kiengiang.gov.vn',
    platformAdmin: false,
    role: { role: Role.OPERATOR, scope: RoleScope.SUBTREE },
  },
] as const;

/**
 * Loads the demo federation from `tenants/*.yaml` into an empty database, with a few accounts so a
 * person can sign in at once. Runs only when SEED_DEMO is on (the embedded default).
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly manifests: ManifestApplyService,
    private readonly accounts: AccountService,
    private readonly roles: RoleAssignmentService,
    private readonly routing: HostRoutingService,
    private readonly deadlines: DeadlineService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM tenants');
    if (n > 0) return false;
    const ctx = systemContext('demo-seed');
    const files = readdirSync(this.config.tenantsDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    for (const file of files) {
      const parsed = loadTenantManifestFile(join(this.config.tenantsDir, file));
      if (!parsed.ok)
        throw new Error(`${file}: ${parsed.issues.map((i) => `line ${i.line}: ${i.message}`).join('; ')}`);
      const report = await this.manifests.apply(ctx, parsed.manifest);
      if (report.problems.length)
        throw new Error(`${file}: ${report.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      const policies = await applyManifestPolicies(ctx, parsed.manifest, this.routing, this.deadlines);
      if (policies.problems.length) throw new Error(`${file}: ${policies.problems.join('; ')}`);
      this.logger.log(`${file}: ${report.created} portals created`);
    }
    const password = process.env.DEMO_PASSWORD ?? 'demo-password-2026';
    for (const demo of DEMO_ACCOUNTS) {
      const tenant = this.routing.resolve(demo.host);
      if (tenant.type !== 'serve') continue;
      const created = await this.accounts.create(
        ctx,
        { tenantId: tenant.tenant.id, username: demo.username, displayName: demo.displayName, password },
        { platformAdmin: demo.platformAdmin },
      );
      if (!created.ok) throw new Error(`demo account ${demo.username}: ${created.error.text.en}`);
      if (demo.role)
        await this.roles.grant(ctx, {
          accountId: created.value.id,
          tenantId: tenant.tenant.id,
          role: demo.role.role,
          scope: demo.role.scope,
        });
    }
    this.logger.log(
      `demo accounts ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} with password "${password}"`,
    );
    return true;
  }
}
