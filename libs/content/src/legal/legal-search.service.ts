import { Injectable } from '@nestjs/common';
import { RequestContext, inputError } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { numberKey } from '../import/tabular-file';
import { LegalSearchRepository } from './legal-search.repository';
import { ContentErrorCode } from '../errors/content-error-code';

export interface LegalDocumentMatch {
  itemId: string;
  tenantId: string;
  portalName: string;
  number: string;
  title: string;
}

/**
 * Finds the other side of a relation by its number, on every portal: a document may replace or
 * guide another portal's (a ward's decision guides the city's). Live documents only: another
 * portal's drafts stay unseen.
 */
@Injectable()
export class LegalSearchService {
  constructor(
    private readonly documents: LegalSearchRepository,
    private readonly routing: HostRoutingService,
  ) {}

  async byNumber(ctx: RequestContext, number: string): Promise<LegalDocumentMatch[]> {
    const key = numberKey(number ?? '');
    if (key.length < 2 || key.length > 100)
      throw inputError(
        ContentErrorCode.INVALID_NUMBER,
        'number',
        'Nhập số, ký hiệu văn bản (từ 2 đến 100 ký tự).',
        'Type the document number (2 to 100 characters).',
      );
    const rows = await this.documents.liveByNumber(ctx, key, 20);
    const en = ctx.locale === 'en';
    return rows.map((r) => {
      const portal = this.routing.tenant(r.tenant_id);
      return {
        itemId: r.item_id,
        tenantId: r.tenant_id,
        portalName: (portal && ((en && portal.nameEn) || portal.nameVi)) ?? '',
        number: r.number,
        title: r.title,
      };
    });
  }
}
