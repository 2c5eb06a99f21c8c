import { join } from 'node:path';
import { InformationKind, loadPolicyDirectory, resolveRules } from '@portal/calendar';
import { ContentKind, deadlineOf } from '@portal/content';

/** Handling steps timed by the workflow and the questions, not by an item's kind. */
const HANDLING: Record<string, string> = {
  BOARD_HANDLING: 'a submission (EditorialService, SUBMIT and VET)',
  QA_ROUTING: 'a question received (QuestionDeadlines.onReceipt)',
  QA_OUT_OF_SCOPE_NOTICE: 'a question received (QuestionDeadlines.onReceipt)',
  QA_ANSWER: 'a question received (QuestionDeadlines.onReceipt)',
  QA_UNIT_ANSWER: 'a question routed (QuestionDeadlines.unitAnswer)',
  QA_BOARD_PUBLISH: 'a unit’s answer (QuestionDeadlines.boardPublish)',
};

/** One item of each shape an editor can write: every kind, with the fields that select its rule. */
const SHAPES: Array<[ContentKind, Record<string, unknown>]> = [
  ...Object.values(ContentKind).map((kind) => [kind, {}] as [ContentKind, Record<string, unknown>]),
  [ContentKind.LEGAL_DOCUMENT, { form: 'LUAT', scope: 'OWN' }],
  [ContentKind.LEGAL_DOCUMENT, { form: 'CONG_VAN', scope: 'IN_SCOPE' }],
  [ContentKind.LEGAL_DOCUMENT, { form: 'QUYET_DINH', normative: 'YES', scope: 'IN_SCOPE' }],
  [ContentKind.PROJECT, { procurement: 'YES' }],
  [ContentKind.SCIENCE_PROGRAMME, { approvalDate: '2026-01-05', acceptanceDate: '2026-06-01' }],
];

describe('every rule of every shipped profile can be reached', () => {
  const { profiles, issues } = loadPolicyDirectory(join(__dirname, '../../../../tenants/policies'));

  it('by an item of some kind, or by a handling step', () => {
    expect(issues).toEqual([]);
    const unreachable: string[] = [];
    for (const key of profiles.keys()) {
      const rules = resolveRules(profiles, key);
      // What an item gets on a portal of this profile: the first candidate the profile regulates.
      const reached = new Set(
        SHAPES.map(([kind, fields]) =>
          deadlineOf(kind, fields)?.informationKinds.find((k) => rules.has(k as InformationKind)),
        ).filter((k): k is string => Boolean(k)),
      );
      for (const kind of rules.keys())
        if (!reached.has(kind) && !HANDLING[kind]) unreachable.push(`${key}: ${kind}`);
    }
    expect(unreachable).toEqual([]);
  });

  it('times dissemination from the disseminated text, and science from approval or acceptance', () => {
    expect(deadlineOf(ContentKind.LAW_DISSEMINATION, {})).toEqual({
      informationKinds: ['POLICY_DISSEMINATION'],
      anchorField: 'textIssueDate',
    });
    expect(deadlineOf(ContentKind.NEWS, {})?.informationKinds).toEqual(['NEWS']);
    expect(deadlineOf(ContentKind.SCIENCE_PROGRAMME, { approvalDate: '2026-01-05' })?.anchorField).toBe(
      'approvalDate',
    );
    expect(
      deadlineOf(ContentKind.SCIENCE_PROGRAMME, { approvalDate: '2026-01-05', acceptanceDate: '2026-06-01' })
        ?.anchorField,
    ).toBe('acceptanceDate');
    expect(deadlineOf(ContentKind.ORGANISATION_PAGE, {})).toEqual({
      informationKinds: ['INTRODUCTION'],
      anchorField: 'changedOn',
    });
    expect(deadlineOf(ContentKind.CONTACT_ENTRY, {})?.informationKinds).toEqual(['CONTACTS']);
    expect(
      deadlineOf(ContentKind.LEGAL_DOCUMENT, { form: 'THONG_TU', scope: 'IN_SCOPE' })?.informationKinds,
    ).toEqual(['LEGAL_DOCUMENT_NORMATIVE', 'LEGAL_DOCUMENT_IN_SCOPE']);
  });
});
