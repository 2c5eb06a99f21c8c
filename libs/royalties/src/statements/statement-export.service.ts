import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext, TransactionRunner, can } from '@portal/platform';
import { CollaboratorEntity } from '../grades/royalty.entities';
import { RoyaltyProfileService } from '../profiles/royalty-profile.service';
import { PaymentSheet, SheetFormat, paymentSheetCsv, paymentSheetXlsx } from './payment-sheet';
import { StatementService } from './statement.service';

export interface SheetFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** The statement as the payment sheet clerks sign, in XLSX or CSV. */
@Injectable()
export class StatementExportService {
  constructor(
    private readonly statements: StatementService,
    private readonly profiles: RoyaltyProfileService,
    private readonly tx: TransactionRunner,
  ) {}

  async file(ctx: RequestContext, statementId: string, format: SheetFormat): Promise<SheetFile> {
    const view = await this.statements.view(ctx, statementId);
    const { statement, tenant } = view;
    // Payment details are filled in only for who may read them; others get the sheet masked.
    const shown = can(ctx, 'read', 'RoyaltyPayment', { tenantId: tenant.id, tenantPath: tenant.path });
    const m = this.tx.manager(ctx);
    const collaboratorIds = [
      ...new Set(view.lines.map((l) => l.collaboratorId).filter((x): x is string => !!x)),
    ];
    const collaborators =
      shown && collaboratorIds.length
        ? new Map(
            (await m.find(CollaboratorEntity, { where: { id: In(collaboratorIds) } })).map((c) => [c.id, c]),
          )
        : new Map<string, CollaboratorEntity>();
    const signerIds = [statement.draftedBy, statement.checkedBy, statement.approvedBy].filter(
      (x): x is string => !!x,
    );
    const names = new Map<string, string>(
      signerIds.length
        ? (
            (await m.query('SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])', [
              signerIds,
            ])) as Array<{
              id: string;
              display_name: string;
            }>
          ).map((r) => [r.id, r.display_name])
        : [],
    );
    const profile = this.profiles.listProfiles().find((p) => p.key === statement.profileKey);
    const sheet: PaymentSheet = {
      portalName: tenant.nameVi,
      portalHost: tenant.primaryHost,
      month: statement.month,
      state: statement.state,
      document: profile?.document ?? statement.profileKey,
      unverified: profile?.unverified ?? null,
      total: Number(statement.total),
      confidentialShown: shown,
      lines: view.lines.map((l) => {
        const c = l.collaboratorId ? collaborators.get(l.collaboratorId) : undefined;
        return Object.assign(l, {
          bankAccount: c?.bankAccount ?? null,
          bankName: c?.bankName ?? null,
          genreName: view.genreName(l.genre)?.vi ?? null,
        });
      }),
      signers: {
        drafted: statement.draftedBy ? (names.get(statement.draftedBy) ?? null) : null,
        checked: statement.checkedBy ? (names.get(statement.checkedBy) ?? null) : null,
        approved: statement.approvedBy ? (names.get(statement.approvedBy) ?? null) : null,
      },
    };
    const base = `bang-ke-nhuan-but-${tenant.primaryHost}-${statement.month}`;
    return format === SheetFormat.CSV
      ? { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: paymentSheetCsv(sheet) }
      : {
          fileName: `${base}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: await paymentSheetXlsx(sheet),
        };
  }
}
