import { TenantKind, TenantStatus } from '../tenants/tenant-kind';

/**
 * One portal in a declarative tree manifest (`tenants/*.yaml`). A node's identity is its primary
 * host: the root's `host` (or `label` + the public suffix), a child's label + its parent's host.
 */
export interface TenantManifestNode {
  kind: TenantKind;
  nameVi: string;
  nameEn?: string;
  /** Domain label; when absent the default proposal for `nameVi` and `kind` is used. */
  label?: string;
  /** Roots only: the full primary host, e.g. `hochiminhcity.gov.vn`. */
  host?: string;
  unitCode?: string;
  aliases?: string[];
  status?: TenantStatus.ACTIVE | TenantStatus.SUSPENDED;
  /** Provisioning template name; defaults by kind. */
  template?: string;
  /**
   * Key of the deadline policy profile the portal (and the portals below it without their own)
   * follows; applied by the calendar lib after the tree (tenancy does not know the profiles).
   */
  deadlinePolicy?: string;
  children?: TenantManifestNode[];
}

export interface TenantManifest {
  apiVersion: 'portal/v1';
  kind: 'TenantTree';
  root: TenantManifestNode;
}

/** A problem found in a manifest file, with the line and column it points at (1-based). */
export interface ManifestIssue {
  line: number;
  column: number;
  /** JSON-pointer-like path inside the document, e.g. `/root/children/2/kind`. */
  path: string;
  message: string;
}

export type ManifestParseResult =
  { ok: true; manifest: TenantManifest } | { ok: false; issues: ManifestIssue[] };
