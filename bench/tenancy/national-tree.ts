import { stringify } from 'yaml';
import { TenantKind, TenantManifest, TenantManifestNode } from '../../libs/tenancy/src';

// Real department names (sở) whose default labels (initials) are distinct.
const DEPARTMENTS = [
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Xây dựng',
  'Sở Y tế',
  'Sở Nội vụ',
  'Sở Công Thương',
  'Sở Giáo dục và Đào tạo',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Nông nghiệp và Môi trường',
  'Sở Dân tộc và Tôn giáo',
  'Sở Du lịch',
  'Ban Quản lý các Khu công nghiệp',
  'Thanh tra tỉnh',
  'Văn phòng Ủy ban nhân dân',
  'Đài Phát thanh và Truyền hình',
];

const PLACE_WORDS = [
  'An',
  'Bình',
  'Hòa',
  'Phú',
  'Tân',
  'Long',
  'Thạnh',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Phước',
  'Vĩnh',
  'Mỹ',
  'Hưng',
  'Lộc',
  'Thuận',
  'Đức',
  'Hiệp',
];

/** A distinct Vietnamese place name for index i (two words; ~400 before a number is appended). */
function placeName(i: number): string {
  const a = PLACE_WORDS[i % PLACE_WORDS.length];
  const b = PLACE_WORDS[Math.floor(i / PLACE_WORDS.length) % PLACE_WORDS.length];
  const round = Math.floor(i / (PLACE_WORDS.length * PLACE_WORDS.length));
  return round === 0 ? `${a} ${b}` : `${a} ${b} ${round + 1}`;
}

export interface NationalTree {
  manifests: Array<{ name: string; manifest: TenantManifest; yaml: string }>;
  portals: number;
  hosts: string[];
}

/**
 * A national-scale federation: 34 provinces (the count since the 2025 merger), about 3,500
 * portals. Most provinces are two-tier (departments, wards, communes under the province); every
 * fourth keeps the older three-tier shape (districts with their wards), so both trees are measured.
 * `sizes` gives some provinces (by index) another number of portals than `portalsPerProvince`.
 */
export function generateNationalTree(
  provinces = 34,
  portalsPerProvince = 103,
  sizes: Record<number, number> = {},
): NationalTree {
  const manifests: NationalTree['manifests'] = [];
  const hosts: string[] = [];
  let portals = 0;
  for (let p = 0; p < provinces; p++) {
    const label = `tinh${String(p + 1).padStart(2, '0')}`;
    const host = `${label}.gov.vn`;
    hosts.push(host);
    const children: TenantManifestNode[] = DEPARTMENTS.map((nameVi) => ({
      kind: TenantKind.DEPARTMENT,
      nameVi,
    }));
    const units = (sizes[p] ?? portalsPerProvince) - 1 - DEPARTMENTS.length;
    const threeTier = p % 4 === 3;
    if (threeTier) {
      const districts = 8;
      const perDistrict = Math.floor((units - districts) / districts);
      for (let d = 0; d < districts; d++) {
        const wards: TenantManifestNode[] = [];
        for (let w = 0; w < perDistrict; w++)
          wards.push({
            kind: w % 3 === 0 ? TenantKind.COMMUNE : TenantKind.WARD,
            nameVi: `${w % 3 === 0 ? 'Xã' : 'Phường'} ${placeName(w)}`,
          });
        children.push({ kind: TenantKind.DISTRICT, nameVi: `Huyện ${placeName(d + 200)}`, children: wards });
      }
    } else {
      for (let u = 0; u < units; u++) {
        children.push(
          u % 4 === 0
            ? { kind: TenantKind.COMMUNE, nameVi: `Xã ${placeName(u)}` }
            : { kind: TenantKind.WARD, nameVi: `Phường ${placeName(u)}` },
        );
      }
    }
    const manifest: TenantManifest = {
      apiVersion: 'portal/v1',
      kind: 'TenantTree',
      root: {
        kind: TenantKind.PROVINCE,
        nameVi: `Tỉnh ${placeName(p + 300)}`,
        host,
        unitCode: String(p + 1).padStart(2, '0'),
        children,
      },
    };
    const count = (n: TenantManifestNode): number => 1 + (n.children ?? []).reduce((s, c) => s + count(c), 0);
    portals += count(manifest.root);
    manifests.push({ name: label, manifest, yaml: stringify(manifest) });
  }
  return { manifests, portals, hosts };
}
