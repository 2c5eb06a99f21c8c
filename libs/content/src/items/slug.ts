/** A URL slug from a Vietnamese title: `Kế hoạch 15/KH-UBND năm 2026` → `ke-hoach-15-kh-ubnd-nam-2026`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/g, '');
  return slug || 'bai-viet';
}
