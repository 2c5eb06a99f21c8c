/** What a public item needs to know about portals: their names and addresses. */
export interface PortalLookup {
  tenant(id: string): { id: string; primaryHost: string; nameVi: string; nameEn: string | null } | null;
}

/** The public address of an item on a portal (its print view, which every item has). */
export function publicItemUrl(host: string, language: string, slug: string): string {
  return `https://${host}${language === 'en' ? '/en' : ''}/print/${slug}`;
}
