import { graphql } from '../gql';

export const MeDoc = graphql(`
  query ConsoleMe {
    me {
      id
      username
      displayName
      tenantId
    }
    myRoles {
      id
      role
      tenantId
      scope
      validTo
      revokedAt
    }
    portal {
      id
      name
      nameVi
      nameEn
      primaryHost
      kind
    }
  }
`);

export const DashboardDoc = graphql(`
  query ConsoleDashboard {
    mine: contentItems(filter: { mine: true, first: 50 }) {
      nodes {
        id
        title
        status
        kind
        updatedAt
        isLive
      }
    }
    queue: editorialQueue(statuses: [SUBMITTED, IN_REVIEW, APPROVED, SCHEDULED]) {
      itemId
      title
      kind
      status
      submittedAt
      boardDueAt
      dueAt
    }
    overdue: editorialQueue(overdueOnly: true) {
      itemId
      title
      status
      boardDueAt
      dueAt
    }
    dueSoon: editorialQueue(dueWithinHours: 48) {
      itemId
      title
      status
      boardDueAt
      dueAt
    }
    reminders: editorialReminders(first: 20) {
      id
      itemId
      deadline
      stage
      dueAt
      createdAt
    }
    deadlinePolicy {
      key
      nameVi
      nameEn
      rules {
        kind
        workingDays
        document
        article
        type
      }
    }
  }
`);

export const ContentListDoc = graphql(`
  query ConsoleContentList($filter: ContentItemsFilter) {
    contentItems(filter: $filter) {
      nodes {
        id
        title
        kind
        language
        status
        updatedAt
        isLive
        boardDueAt
        dueAt
        categoryId
        createdBy
        number
        slug
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CategoriesDoc = graphql(`
  query ConsoleCategories {
    categories {
      id
      name
      nameVi
      nameEn
      parentId
      contentKind
    }
    contentKinds {
      kind
      fields {
        name
        type
        required
        values
        max
        of {
          name
          type
          required
          values
          max
        }
      }
    }
  }
`);

export const ItemDoc = graphql(`
  query ConsoleItem($id: String!) {
    contentItem(id: $id) {
      id
      tenantId
      kind
      categoryId
      language
      translationOf
      slug
      field
      createdBy
      publishedAt
      withdrawnAt
      latestNumber
      working {
        id
        number
        title
        summary
        bodyHtml
        fields
        authorName
        source
        status
        boardDueAt
        dueAt
        scheduledAt
        createdAt
      }
      live {
        id
        number
        title
        summary
        bodyHtml
        fields
        authorName
        source
        createdAt
      }
      actions {
        action
        allowed
        delegated
        blockedCode
      }
    }
    contentHistory(itemId: $id) {
      id
      action
      fromStatus
      toStatus
      actorAccountId
      delegated
      reason
      note
      at
    }
  }
`);

export const CreateDoc = graphql(`
  mutation ConsoleCreate($input: CreateContentInput!) {
    createContent(input: $input) {
      __typename
      ... on ContentItem {
        id
        latestNumber
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

export const EditDoc = graphql(`
  mutation ConsoleEdit($itemId: String!, $input: RevisionInput!, $baseNumber: Int) {
    editContent(itemId: $itemId, input: $input, baseNumber: $baseNumber) {
      __typename
      ... on ContentItem {
        id
        latestNumber
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

export const TransitionDoc = graphql(`
  mutation ConsoleTransition(
    $itemId: String!
    $action: WorkflowAction!
    $note: String
    $reason: RefusalReason
  ) {
    transitionContent(itemId: $itemId, action: $action, note: $note, reason: $reason) {
      __typename
      ... on ContentItem {
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

export const ScheduleDoc = graphql(`
  mutation ConsoleSchedule($itemId: String!, $publishAt: DateTime!) {
    scheduleContent(itemId: $itemId, publishAt: $publishAt) {
      __typename
      ... on ContentItem {
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

export const RevisionsDoc = graphql(`
  query ConsoleRevisions($itemId: String!) {
    contentRevisions(itemId: $itemId) {
      id
      number
      title
      status
      createdAt
      createdBy
      authorName
    }
    contentItem(id: $itemId) {
      id
      latestNumber
      live {
        number
      }
      working {
        number
        status
      }
    }
  }
`);

export const CompareDoc = graphql(`
  query ConsoleCompare($itemId: String!, $from: Int!, $to: Int!) {
    compareRevisions(itemId: $itemId, from: $from, to: $to) {
      field
      parts {
        value
        added
        removed
      }
    }
  }
`);

export const RestoreDoc = graphql(`
  mutation ConsoleRestore($itemId: String!, $number: Int!) {
    restoreRevision(itemId: $itemId, number: $number) {
      __typename
      ... on ContentItem {
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

export const DeputiesDoc = graphql(`
  query ConsoleDeputies {
    boardDeputies {
      accountId
      displayName
      username
    }
  }
`);

export const DelegationsDoc = graphql(`
  query ConsoleDelegations {
    approvalDelegations {
      id
      headName
      deputyName
      validFrom
      validTo
      createdAt
      revokedAt
      status
    }
  }
`);

export const DelegateDoc = graphql(`
  mutation ConsoleDelegate($input: DelegateApprovalInput!) {
    delegateApproval(input: $input) {
      __typename
      ... on ApprovalDelegation {
        id
        validFrom
        validTo
        deputyAccountId
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

export const SentInformationDoc = graphql(`
  query ConsoleSentInformation($status: SentInformationStatus) {
    sentInformation(status: $status, first: 50) {
      nodes {
        id
        trackingCode
        status
        senderName
        organisation
        position
        email
        phone
        address
        title
        body
        receivedAt
        itemId
        declineReason
        file {
          fileName
          size
        }
      }
      hasNextPage
    }
  }
`);

export const TakeUpSentInformationDoc = graphql(`
  mutation ConsoleTakeUpSentInformation($id: ID!, $input: TakeUpSentInformationInput) {
    takeUpSentInformation(id: $id, input: $input) {
      __typename
      ... on SentInformation {
        id
        status
        itemId
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

export const DeclineSentInformationDoc = graphql(`
  mutation ConsoleDeclineSentInformation($id: ID!, $reason: String!) {
    declineSentInformation(id: $id, reason: $reason) {
      __typename
      ... on SentInformation {
        id
        status
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
