import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HostRoutingService } from '@portal/tenancy';
import { LegalRelationKind, LegalValidity, relationAsSeenFrom, validityOn } from './legal-validity';
import { vietnamToday } from './legal-validity.service';

/** A related live document as a reader's page links it. */
export interface PublicLegalRelation {
  kind: LegalRelationKind;
  itemId: string;
  title: string;
  number: string | null;
  issueDate: string | null;
  /** Its portal (the page links it there when it is another portal's). */
  tenantId: string;
  primaryHost: string;
  language: 'vi' | 'en';
  slug: string;
}

export interface PublicLegalStatus {
  validity: LegalValidity | null;
  expiryDate: string | null;
  nationalDbUrl: string | null;
  relations: PublicLegalRelation[];
}

const ORDER: LegalRelationKind[] = Object.values(LegalRelationKind);

/**
 * What a document's public page shows of its validity and relations: both directions, only live
 * documents on the other side (a withdrawn or unpublished one is left out).
 */
// UNSCOPED: anonymous public reads; only live documents are named.
@Injectable()
export class LegalPublicService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
  ) {}

  async ofItem(itemId: string): Promise<PublicLegalStatus> {
    const [status]: Array<{
      validity: LegalValidity;
      expiry_date: string | null;
      national_db_url: string | null;
    }> = await this.dataSource.query(
      `SELECT validity, expiry_date::text AS expiry_date, national_db_url FROM legal_document_status WHERE item_id = $1`,
      [itemId],
    );
    const rows: Array<{
      kind: string;
      from_item_id: string;
      id: string;
      tenant_id: string;
      language: 'vi' | 'en';
      slug: string;
      title: string;
      number: string | null;
      issue_date: string | null;
    }> = await this.dataSource.query(
      `SELECT rel.kind, rel.from_item_id, o.id, o.tenant_id, o.language, o.slug, r.title,
              r.fields->>'number' AS number, r.fields->>'issueDate' AS issue_date
         FROM legal_document_relations rel
         JOIN content_items o ON o.id = CASE WHEN rel.from_item_id = $1 THEN rel.to_item_id ELSE rel.from_item_id END
         JOIN content_revisions r ON r.id = o.live_revision_id
        WHERE (rel.from_item_id = $1 OR rel.to_item_id = $1) AND rel.removed_at IS NULL
          AND o.withdrawn_at IS NULL
        ORDER BY r.fields->>'issueDate' DESC NULLS LAST, o.id`,
      [itemId],
    );
    const relations = rows.flatMap((r): PublicLegalRelation[] => {
      const portal = this.routing.tenant(r.tenant_id);
      if (!portal || portal.status !== 'ACTIVE') return [];
      return [
        {
          kind: relationAsSeenFrom(r.kind as never, r.from_item_id, itemId),
          itemId: r.id,
          title: r.title,
          number: r.number,
          issueDate: r.issue_date,
          tenantId: r.tenant_id,
          primaryHost: portal.primaryHost,
          language: r.language,
          slug: r.slug,
        },
      ];
    });
    relations.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    return {
      validity: status ? validityOn(status.validity, status.expiry_date, vietnamToday()) : null,
      expiryDate: status?.expiry_date ?? null,
      nationalDbUrl: status?.national_db_url ?? null,
      relations,
    };
  }
}
