import { parseTenantManifest, proposeDomainLabel } from '../../libs/tenancy/src';
import { generateNationalTree } from './national-tree';

describe('the national benchmark tree', () => {
  const tree = generateNationalTree();

  it('has 34 provinces and about 3,500 portals', () => {
    expect(tree.manifests).toHaveLength(34);
    expect(tree.portals).toBeGreaterThanOrEqual(3400);
    expect(tree.portals).toBeLessThanOrEqual(3600);
  });

  it('is valid: every manifest parses, and no two siblings get the same default label', () => {
    for (const { manifest, yaml } of tree.manifests) {
      const parsed = parseTenantManifest(yaml);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      const check = (children: typeof manifest.root.children = []) => {
        const labels = children.map((c) => c.label ?? proposeDomainLabel(c.nameVi, c.kind));
        expect(new Set(labels).size).toBe(labels.length);
        children.forEach((c) => check(c.children));
      };
      check(manifest.root.children);
    }
  });
});
