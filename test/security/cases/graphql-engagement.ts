import { RG, RG_WARD, v } from '../victim';
import { type IdorCase, R_Q, R_UNIT } from './types';

/** Id-taking operations called with the victim’s ids: questions and information sent to the board. */
export const ENGAGEMENT_CASES: IdorCase[] = [
  // --- questions ---
  {
    name: 'question by id',
    op: 'Query.question',
    foreign: ['id'],
    query: `query($id: ID!) { question(id: $id) { id text asker { name email phone } } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'questionHistory',
    op: 'Query.questionHistory',
    foreign: ['id'],
    query: `query($id: ID!) { questionHistory(id: $id) { id action note } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'poll of the victim portal',
    op: 'Query.poll',
    foreign: ['id'],
    query: `query($id: ID!) { poll(id: $id) { id question totalVotes options { label votes } } }`,
    vars: () => ({ id: v.rgPoll }),
    publicOnVictimHost: 'a poll is public on its own portal (counts hidden until it closes)',
  },
  {
    name: 'closePoll of the victim portal',
    op: 'Mutation.closePoll',
    foreign: ['id'],
    query: `mutation($id: ID!) { closePoll(id: $id) { __typename ... on Poll { id state totalVotes } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPoll }),
  },
  {
    name: 'legalDocumentStatus of an unpublished legal document',
    op: 'Query.legalDocumentStatus',
    foreign: ['itemId'],
    query: `query($id: ID!) { legalDocumentStatus(itemId: $id) { itemId validity relations { otherTitle otherNumber } } }`,
    vars: () => ({ id: v.rgLegalDraft }),
  },
  {
    name: 'setLegalValidity of a victim legal document',
    op: 'Mutation.setLegalValidity',
    foreign: ['itemId'],
    query: `mutation($id: ID!) { setLegalValidity(itemId: $id, input: { validity: EXPIRED }) {
      __typename ... on LegalDocumentStatus { itemId validity relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgLegal }),
  },
  {
    name: 'relateLegalDocuments of a victim legal document to its unpublished one',
    op: 'Mutation.relateLegalDocuments',
    foreign: ['input.itemId', 'input.otherItemId'],
    query: `mutation($i: ID!, $o: ID!) { relateLegalDocuments(input: { itemId: $i, kind: REPLACES, otherItemId: $o }) {
      __typename ... on LegalDocumentStatus { itemId relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgLegal, o: v.rgLegalDraft }),
  },
  {
    name: 'removeLegalRelation stated by the victim portal',
    op: 'Mutation.removeLegalRelation',
    foreign: ['id'],
    query: `mutation($id: ID!) { removeLegalRelation(id: $id) {
      __typename ... on LegalDocumentStatus { itemId relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgLegalRelation }),
  },
  {
    name: 'withdrawPoll of the victim portal',
    op: 'Mutation.withdrawPoll',
    foreign: ['id'],
    query: `mutation($id: ID!) { withdrawPoll(id: $id, reason: "Gỡ trái phép") { __typename ... on Poll { id state } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPoll }),
  },
  {
    name: 'votePoll in a poll of the victim portal',
    op: 'Mutation.votePoll',
    foreign: ['input.pollId', 'input.optionId'],
    query: `mutation($p: ID!, $o: ID!) { votePoll(input: { pollId: $p, optionId: $o, proof: { website: "" } }) {
      __typename ... on Poll { id question totalVotes } ... on InputError { errorCode field } } }`,
    vars: () => ({ p: v.rgPoll, o: v.rgPollOption }),
    notOnVictimHost: 'anyone may vote on the poll’s own portal (a vote is a public write by design)',
  },
  {
    name: 'questionStatus by a tracking code of the victim portal',
    op: 'Query.questionStatus',
    foreign: ['trackingCode'],
    query: `query($c: String!) { questionStatus(trackingCode: $c) { trackingCode topic status } }`,
    vars: () => ({ c: v.qReceivedCode }),
    publicOnVictimHost:
      'the tracking code is the asker’s key, answered on the portal asked (without personal data)',
  },
  // --- information sent to the board ---
  {
    name: 'sentInformationItem of the victim portal',
    op: 'Query.sentInformationItem',
    foreign: ['id'],
    query: `query($id: ID!) { sentInformationItem(id: $id) { id title email body file { fileName } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'takeUpSentInformation of the victim portal',
    op: 'Mutation.takeUpSentInformation',
    foreign: ['id'],
    query: `mutation($id: ID!) { takeUpSentInformation(id: $id) { __typename ... on SentInformation { id status itemId email } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'declineSentInformation of the victim portal',
    op: 'Mutation.declineSentInformation',
    foreign: ['id'],
    query: `mutation($id: ID!) { declineSentInformation(id: $id, reason: "Từ chối trái phép") { __typename ... on SentInformation { id status email } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'trackSentInformation by a tracking code of the victim portal',
    op: 'Query.trackSentInformation',
    foreign: ['code'],
    query: `query($c: String!) { trackSentInformation(code: $c) { trackingCode title status } }`,
    vars: () => ({ c: v.rgSentCode }),
    publicOnVictimHost:
      'the tracking code is the sender’s key, answered on the portal it was sent to (without contact details)',
  },
  {
    name: 'questionUnits of the victim portal',
    op: 'Query.questionUnits',
    foreign: ['tenantId'],
    query: `query($t: ID!) { questionUnits(tenantId: $t) { id name memberAccountIds } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'askQuestion naming a file sent to the victim portal',
    op: 'Mutation.askQuestion',
    foreign: ['input.attachmentId'],
    query: `mutation($a: ID) { askQuestion(input: { type: QUESTION, name: "Nguyễn Văn X", email: "x@example.vn", topic: "Xây dựng", text: "Câu hỏi kèm tệp của người khác", attachmentId: $a, proof: { website: "" } }) {
      __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
    vars: () => ({ a: v.rgQuestionFile }),
    notOnVictimHost: 'on its own portal the upload id is the uploader’s key to name it in a question',
  },
  {
    name: 'classifyQuestion',
    op: 'Mutation.classifyQuestion',
    foreign: ['id'],
    query: `mutation($id: ID!) { classifyQuestion(id: $id, topic: "Đổi chủ đề") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'routeQuestion to the victim’s unit',
    op: 'Mutation.routeQuestion',
    foreign: ['id', 'unitId'],
    query: `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, u: v.rgUnit }),
  },
  {
    name: 'routeQuestion to the victim’s child portal',
    op: 'Mutation.routeQuestion',
    foreign: ['id', 'childTenantId'],
    query: `mutation($id: ID!, $c: ID) { routeQuestion(id: $id, childTenantId: $c) { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, c: v[RG_WARD] }),
  },
  {
    name: 'forwardQuestion of a victim question',
    op: 'Mutation.forwardQuestion',
    foreign: ['id', 'targetTenantId'],
    query: `mutation($id: ID!, $t: ID!) { forwardQuestion(id: $id, targetTenantId: $t, note: "x") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, t: v[RG_WARD] }),
  },
  {
    name: 'answerQuestionOutOfScope',
    op: 'Mutation.answerQuestionOutOfScope',
    foreign: ['id'],
    query: `mutation($id: ID!) { answerQuestionOutOfScope(id: $id, notice: "Không thuộc thẩm quyền") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'draftQuestionAnswer of a routed question',
    op: 'Mutation.draftQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { draftQuestionAnswer(id: $id, answer: "Trả lời giả") { ${R_Q} } }`,
    vars: () => ({ id: v.qRouted }),
  },
  {
    name: 'returnQuestionAnswer of an answered question',
    op: 'Mutation.returnQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { returnQuestionAnswer(id: $id, note: "Làm lại") { ${R_Q} } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'approveQuestionAnswer of an answered question',
    op: 'Mutation.approveQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { approveQuestionAnswer(id: $id) { ${R_Q} } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'publishQuestion of an approved question',
    op: 'Mutation.publishQuestion',
    foreign: ['id'],
    query: `mutation($id: ID!) { publishQuestion(id: $id, publicText: "Công bố giả") { ${R_Q} } }`,
    vars: () => ({ id: v.qApproved }),
  },
  {
    name: 'createQuestionUnit on the victim portal with its accounts',
    op: 'Mutation.createQuestionUnit',
    foreign: ['input.tenantId', 'input.memberAccountIds'],
    query: `mutation($t: ID!, $m: [ID!]!) { createQuestionUnit(input: { tenantId: $t, name: "Đơn vị giả", memberAccountIds: $m }) { ${R_UNIT} } }`,
    vars: () => ({ t: v[RG], m: [v.writer] }),
  },
  {
    name: 'setQuestionUnitMembers of the victim’s unit',
    op: 'Mutation.setQuestionUnitMembers',
    foreign: ['unitId', 'memberAccountIds'],
    query: `mutation($u: ID!, $m: [ID!]!) { setQuestionUnitMembers(unitId: $u, memberAccountIds: $m) { ${R_UNIT} } }`,
    vars: () => ({ u: v.rgUnit, m: [v.resident] }),
  },
];
