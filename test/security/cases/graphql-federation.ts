import { KG, RG, RG_WARD, RG_WARD2, v } from '../victim';
import { type IdorCase, PLACE, R_SYN, R_RULE } from './types';

/** Id-taking operations of the federation (syndication, pushes, rules, merges and moves of portals), called with the victim’s ids. */
export const FEDERATION_CASES: IdorCase[] = [
  // --- federation ---
  {
    name: 'itemSyndications of a live item',
    op: 'Query.itemSyndications',
    foreign: ['itemId'],
    query: `query($id: ID!) { itemSyndications(itemId: $id) { id state itemTitle } }`,
    vars: () => ({ id: v.rgLive }),
  },
  {
    name: 'receivedSyndications of the victim portal',
    op: 'Query.receivedSyndications',
    foreign: ['tenantId'],
    query: `query($t: ID) { receivedSyndications(tenantId: $t) { id state itemTitle } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'syndicationRules of the victim portal',
    op: 'Query.syndicationRules',
    foreign: ['tenantId'],
    query: `query($t: ID!) { syndicationRules(tenantId: $t) { id kinds } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'subtreeFeed rooted at the victim',
    op: 'Query.subtreeFeed',
    foreign: ['filter.rootTenantId'],
    query: `query($r: ID) { subtreeFeed(filter: { rootTenantId: $r, first: 100 }) { nodes { id title } } }`,
    vars: () => ({ r: v[RG] }),
  },
  {
    name: 'subtreeSearch rooted at the victim',
    op: 'Query.subtreeSearch',
    foreign: ['rootTenantId'],
    query: `query($r: ID) { subtreeSearch(query: "Rạch Giá", rootTenantId: $r) { id title } }`,
    vars: () => ({ r: v[RG] }),
  },
  {
    name: 'proposeSyndication of a victim item to its parent',
    op: 'Mutation.proposeSyndication',
    foreign: ['itemId', 'targetTenantId'],
    query: `mutation($i: ID!, $t: ID) { proposeSyndication(itemId: $i, targetTenantId: $t, note: "x") { ${R_SYN} } }`,
    vars: () => ({ i: v.rgLive2, t: v[KG] }),
  },
  {
    name: 'acceptSyndication of a proposal the victim received',
    op: 'Mutation.acceptSyndication',
    foreign: ['input.id', 'input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { acceptSyndication(input: { id: $id, categoryId: $c }) { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed, c: v.rgNewsCategory }),
  },
  {
    name: 'refuseSyndication of a proposal the victim received',
    op: 'Mutation.refuseSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { refuseSyndication(id: $id, reason: "Không phù hợp") { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed }),
  },
  {
    name: 'dropSyndication of a copy the victim shows',
    op: 'Mutation.dropSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { dropSyndication(id: $id, reason: "x") { ${R_SYN} } }`,
    vars: () => ({ id: v.synAccepted }),
  },
  {
    name: 'retractSyndication of the victim’s push',
    op: 'Mutation.retractSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { retractSyndication(id: $id) { ${R_SYN} } }`,
    vars: () => ({ id: v.synPushed }),
  },
  {
    name: 'retractSyndication of a proposal sent by the victim’s ward',
    op: 'Mutation.retractSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { retractSyndication(id: $id) { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed }),
  },
  {
    name: 'pushItem of a victim item to its wards',
    op: 'Mutation.pushItem',
    foreign: ['input.itemId', 'input.targets.tenantIds', 'input.targets.subtreeRootIds'],
    query: `mutation($i: ID!, $t: [ID!], $r: [ID!]) { pushItem(input: { itemId: $i, targets: { tenantIds: $t, subtreeRootIds: $r }, ${PLACE} }) {
      __typename ... on PushOutcome { pushed { id } alreadyThere } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgLive, t: [v[RG_WARD2]], r: [v[RG]] }),
  },
  {
    name: 'createSyndicationRule on the victim portal',
    op: 'Mutation.createSyndicationRule',
    foreign: ['input.tenantId', 'input.categoryId', 'input.sourceRootId'],
    query: `mutation($t: ID!, $c: ID, $s: ID) { createSyndicationRule(input: { tenantId: $t, categoryId: $c, sourceRootId: $s }) { ${R_RULE} } }`,
    vars: () => ({ t: v[RG], c: v.rgNewsCategory, s: v[RG_WARD] }),
  },
  {
    name: 'disableSyndicationRule of the victim’s rule',
    op: 'Mutation.disableSyndicationRule',
    foreign: ['id'],
    query: `mutation($id: ID!) { disableSyndicationRule(id: $id) { ${R_RULE} } }`,
    vars: () => ({ id: v.rgRule }),
  },
];
