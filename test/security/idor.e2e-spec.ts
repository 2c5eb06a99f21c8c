import { IDOR_CASES, TARGET_CASES, EXCLUDED_ARGS, idTakingFields } from './cases';
import { RG, CT, MARK, CONTEXTS } from './victim';
import { useVictimWorld } from './world';

/**
 * IDOR on every operation that takes an id: the list comes from the schema itself, so a new one fails
 * here until test/security/cases/ holds a case for it. Each is called with the victim's ids by every
 * attacker, and acting on one's own objects while naming the victim's as targets; everything must be
 * refused with a typed answer, change nothing and leak nothing. Over HTTP against a real PostgreSQL.
 *
 * The world, its actors and the marker: test/security/world.ts and victim.ts; the cases: test/security/cases/.
 */
describe('security suite: IDOR on every id-taking GraphQL operation', () => {
  const world = useVictimWorld();
  const { fingerprint, attack, judge } = world;

  describe('IDOR: every id-taking operation, called with the ids of another portal', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await fingerprint();
    });

    it('covers every id-taking Query and Mutation field and argument of the schema', () => {
      const schema = idTakingFields();
      // The walk finds nested inputs and lists of ids (so a new one cannot hide in an input type).
      expect(schema.get('Mutation.mergeTenants')).toContain('input.plan.roleMapping.assignmentId');
      expect(schema.get('Mutation.pushItem')).toContain('input.targets.tenantIds');
      expect(schema.get('Query.questionStatus')).toEqual(['trackingCode']);
      const covered = new Set(
        [...IDOR_CASES, ...TARGET_CASES].flatMap((c) => c.foreign.map((a) => `${c.op}(${a})`)),
      );
      const missing: string[] = [];
      for (const [op, paths] of schema) {
        if (!IDOR_CASES.some((c) => c.op === op)) missing.push(`${op}: no case`);
        for (const path of paths) {
          const key = `${op}(${path})`;
          if (!covered.has(key) && !EXCLUDED_ARGS[key]) missing.push(key);
        }
      }
      expect(missing).toEqual([]);
      // And nothing in the map names an operation or argument the schema no longer has.
      const known = new Set([...schema].flatMap(([op, paths]) => paths.map((p) => `${op}(${p})`)));
      const stale = [...covered, ...Object.keys(EXCLUDED_ARGS)].filter((key) => !known.has(key));
      expect(stale).toEqual([]);
      for (const reason of Object.values(EXCLUDED_ARGS)) expect(reason.length).toBeGreaterThan(20);
    });

    it('names each case once across the case files (the checks below find cases by name)', () => {
      const names = [...IDOR_CASES, ...TARGET_CASES].map((c) => `${c.op} – ${c.name}`);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    });

    it('the victim’s own officer on its own host reads what the attacks below must not (the checks can fail)', async () => {
      const SEEN_BY_OWNER = [
        'account by id',
        'legalDocumentStatus of an unpublished legal document',
        'contentItems of the victim portal, by its category and author',
        'accounts of the victim portal',
        'audit log of the victim portal',
        'role assignments of a victim account on the victim portal',
        'contentItem of an unpublished draft',
        'contentItem of a live item with a private new draft',
        'contentHistory',
        'contentRevisions',
        'compareRevisions',
        'draftCommentQueue of the victim portal and draft',
        'portalRatings of the victim portal',
        'question by id',
        'questionHistory',
        'sentInformationItem of the victim portal',
        'dialogue of the victim portal',
        'questionUnits of the victim portal',
        'itemSyndications of a live item',
        'receivedSyndications of the victim portal',
        'syndicationRules of the victim portal',
        'reportExport asked for by the victim’s officer',
        'itemMedia of an unpublished video item',
      ];
      const WITH_MARK = [
        'account by id',
        'itemMedia of an unpublished video item',
        'contentItems of the victim portal, by its category and author',
        'contentItem of an unpublished draft',
        'contentItem of a live item with a private new draft',
        'contentRevisions',
        'draftCommentQueue of the victim portal and draft',
        'question by id',
        'questionUnits of the victim portal',
        'sentInformationItem of the victim portal',
        'dialogue of the victim portal',
      ];
      for (const name of SEEN_BY_OWNER) {
        const c = IDOR_CASES.find((x) => x.name === name)!;
        const res = await attack(c, { label: 'owner', who: 'victimOfficer', host: RG });
        expect({ name, errors: res.body.errors }).toEqual({ name, errors: undefined });
        expect({ name, refused: judge(c, CT, res) === null }).toEqual({ name, refused: false });
        if (WITH_MARK.includes(name)) expect(res.text).toContain(MARK);
      }
    });

    it.each(IDOR_CASES.map((c) => [`${c.op} – ${c.name}`, c] as const))(
      '%s: refused to every attacker, nothing leaked',
      async (_name, c) => {
        const failures: string[] = [];
        for (const ctx of CONTEXTS) {
          if (c.notOnVictimHost && ctx.host === RG) continue;
          const problem = judge(c, ctx.host, await attack(c, ctx));
          if (problem) failures.push(`${ctx.label}: ${problem}`);
        }
        expect(failures).toEqual([]);
      },
    );

    it.each(TARGET_CASES.map((c) => [`${c.op} – ${c.name}`, c] as const))(
      'foreign target: %s',
      async (_name, c) => {
        const problem = judge(c, CT, await attack(c, { label: 'sibling', who: 'sibling', host: CT }), true);
        expect(problem).toBeNull();
      },
    );

    it('changed nothing in the database', async () => {
      expect(await fingerprint()).toEqual(before);
    });
  });
});
