import { DomainError } from '@portal/platform';
import {
  LegalRelationKind,
  LegalValidity,
  StoredLegalRelation,
  checkNationalDbUrl,
  relationAsSeenFrom,
  storedRelation,
  validityOn,
} from './legal-validity';

describe('legal validity rules', () => {
  it('stores a relation once, from the document that acts, and reads it from both', () => {
    expect(storedRelation('b', LegalRelationKind.REPLACES, 'a')).toEqual({
      fromId: 'b',
      toId: 'a',
      kind: 'REPLACES',
    });
    expect(storedRelation('a', LegalRelationKind.REPLACED_BY, 'b')).toEqual({
      fromId: 'b',
      toId: 'a',
      kind: 'REPLACES',
    });
    expect(storedRelation('g', LegalRelationKind.GUIDED_BY, 'h')).toEqual({
      fromId: 'h',
      toId: 'g',
      kind: 'GUIDES',
    });
    expect(relationAsSeenFrom(StoredLegalRelation.REPLACES, 'b', 'b')).toBe('REPLACES');
    expect(relationAsSeenFrom(StoredLegalRelation.REPLACES, 'b', 'a')).toBe('REPLACED_BY');
    expect(relationAsSeenFrom(StoredLegalRelation.AMENDS, 'b', 'a')).toBe('AMENDED_BY');
    expect(relationAsSeenFrom(StoredLegalRelation.GUIDES, 'b', 'a')).toBe('GUIDED_BY');
  });

  it('a document past its expiry date reads as expired', () => {
    expect(validityOn(LegalValidity.IN_FORCE, '2026-12-07', '2026-12-07')).toBe('EXPIRED');
    expect(validityOn(LegalValidity.IN_FORCE, '2026-12-08', '2026-12-07')).toBe('IN_FORCE');
    expect(validityOn(LegalValidity.NOT_YET_EFFECTIVE, null, '2026-12-07')).toBe('NOT_YET_EFFECTIVE');
  });

  it('links only into the national database', () => {
    expect(checkNationalDbUrl(' https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=1 ')).toBe(
      'https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=1',
    );
    expect(checkNationalDbUrl('https://phapluat.gov.vn/x')).toBe('https://phapluat.gov.vn/x');
    for (const bad of [
      'https://vbpl.vn.example/x',
      'https://evilvbpl.vn/x',
      'https://a@vbpl.vn/x',
      'https://vbpl.vn:8443/x',
      'javascript:alert(1)',
      'data:text/html,x',
      '/relative',
    ])
      expect({ bad, error: checkNationalDbUrl(bad) instanceof DomainError }).toEqual({ bad, error: true });
  });
});
