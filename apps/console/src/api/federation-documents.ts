import { graphql } from '../gql';

// Federation: proposals upward, the receiving board's inbox, auto-accept rules, pushes downward,
// and the subtree feed and search of an office that oversees portals below it.

export const PortalTreeDoc = graphql(`
  query ConsolePortalTree {
    portal {
      id
      name
      kind
      parentId
      primaryHost
      parentChain {
        id
        name
        kind
        primaryHost
      }
      children {
        id
        name
        kind
        primaryHost
        status
      }
    }
  }
`);

export const PortalChildrenDoc = graphql(`
  query ConsolePortalChildren($id: String!) {
    tenant(id: $id) {
      id
      name
      children {
        id
        name
        kind
        primaryHost
        status
      }
    }
  }
`);

export const LiveItemsDoc = graphql(`
  query ConsoleLiveItems($query: String) {
    contentItems(filter: { statuses: [PUBLISHED], first: 50, query: $query }) {
      nodes {
        id
        title
        kind
        updatedAt
        isLive
      }
    }
  }
`);

export const ItemSyndicationsDoc = graphql(`
  query ConsoleItemSyndications($itemId: ID!) {
    itemSyndications(itemId: $itemId) {
      id
      itemId
      itemTitle
      state
      direction
      note
      reason
      slug
      pinned
      proposedAt
      decidedAt
      sourcePortal {
        id
        nameVi
        primaryHost
      }
      targetPortal {
        id
        nameVi
        primaryHost
      }
    }
  }
`);

export const ProposeDoc = graphql(`
  mutation ConsolePropose($itemId: ID!, $targetTenantId: ID, $note: String) {
    proposeSyndication(itemId: $itemId, targetTenantId: $targetTenantId, note: $note) {
      __typename
      ... on Syndication {
        id
        state
        targetPortal {
          nameVi
        }
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const PushDoc = graphql(`
  mutation ConsolePush($input: PushItemInput!) {
    pushItem(input: $input) {
      __typename
      ... on PushOutcome {
        alreadyThere
        pushed {
          id
          targetPortal {
            nameVi
            primaryHost
          }
        }
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const RetractDoc = graphql(`
  mutation ConsoleRetract($id: ID!) {
    retractSyndication(id: $id) {
      __typename
      ... on Syndication {
        id
        state
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const InboxDoc = graphql(`
  query ConsoleInbox($state: SyndicationState) {
    receivedSyndications(state: $state, first: 100) {
      id
      itemId
      itemTitle
      state
      direction
      note
      reason
      slug
      categoryId
      titleOverride
      summaryOverride
      proposedAt
      decidedAt
      ruleId
      sourcePortal {
        id
        nameVi
        primaryHost
      }
    }
    categories {
      id
      nameVi
      nameEn
      parentId
    }
  }
`);

export const AcceptDoc = graphql(`
  mutation ConsoleAccept($input: AcceptSyndicationInput!) {
    acceptSyndication(input: $input) {
      __typename
      ... on Syndication {
        id
        state
        slug
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const RefuseSyndicationDoc = graphql(`
  mutation ConsoleRefuseSyndication($id: ID!, $reason: String!) {
    refuseSyndication(id: $id, reason: $reason) {
      __typename
      ... on Syndication {
        id
        state
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const DropDoc = graphql(`
  mutation ConsoleDrop($id: ID!, $reason: String) {
    dropSyndication(id: $id, reason: $reason) {
      __typename
      ... on Syndication {
        id
        state
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const RulesDoc = graphql(`
  query ConsoleSyndicationRules($tenantId: ID!) {
    syndicationRules(tenantId: $tenantId) {
      id
      kinds
      sourcePortalKinds
      sourceRootId
      categoryId
      createdAt
      disabledAt
    }
    categories {
      id
      nameVi
      nameEn
    }
  }
`);

export const CreateRuleDoc = graphql(`
  mutation ConsoleCreateRule($input: SyndicationRuleInput!) {
    createSyndicationRule(input: $input) {
      __typename
      ... on SyndicationRule {
        id
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const DisableRuleDoc = graphql(`
  mutation ConsoleDisableRule($id: ID!) {
    disableSyndicationRule(id: $id) {
      __typename
      ... on SyndicationRule {
        id
        disabledAt
      }
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const SubtreeFeedDoc = graphql(`
  query ConsoleSubtreeFeed($filter: SubtreeFeedFilter) {
    subtreeFeed(filter: $filter) {
      nodes {
        id
        title
        kind
        language
        publishedAt
        categoryName
        authorName
        url
        portal {
          id
          nameVi
          primaryHost
        }
        copies {
          direction
          state
          portal {
            nameVi
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SubtreeSearchDoc = graphql(`
  query ConsoleSubtreeSearch($query: String!, $rootTenantId: ID, $everywhere: Boolean, $first: Int) {
    subtreeSearch(query: $query, rootTenantId: $rootTenantId, everywhere: $everywhere, first: $first) {
      id
      title
      kind
      publishedAt
      categoryName
      url
      portal {
        id
        nameVi
        primaryHost
      }
    }
  }
`);
