import { graphql } from '../gql';

// Citizens: questions and feedback on regulations, comments on draft documents, ratings.

export const QuestionQueueDoc = graphql(`
  query ConsoleQuestionQueue($filter: QuestionQueueFilter) {
    questionQueue(filter: $filter) {
      id
      type
      topic
      field
      status
      receivedAt
      routedAt
      routingDueAt
      answerDueAt
      unitDueAt
      boardDueAt
      outOfScopeDueAt
      portal {
        id
        nameVi
      }
      originPortal {
        id
        nameVi
      }
      unit {
        id
        name
      }
    }
  }
`);

export const QuestionDoc = graphql(`
  query ConsoleQuestion($id: ID!) {
    question(id: $id) {
      id
      type
      topic
      field
      text
      status
      answer
      publicText
      outOfScopeNotice
      receivedAt
      routedAt
      answeredAt
      publishedAt
      handlingSince
      routingDueAt
      answerDueAt
      unitDueAt
      boardDueAt
      outOfScopeDueAt
      asker {
        name
        email
        phone
      }
      attachment {
        id
        fileName
        size
      }
      portal {
        id
        nameVi
        nameEn
        primaryHost
      }
      originPortal {
        id
        nameVi
        primaryHost
      }
      answeringPortal {
        id
        nameVi
      }
      unit {
        id
        name
      }
    }
    questionHistory(id: $id) {
      id
      action
      fromStatus
      toStatus
      actorAccountId
      at
      note
    }
  }
`);

export const QuestionUnitsDoc = graphql(`
  query ConsoleQuestionUnits($tenantId: ID!) {
    questionUnits(tenantId: $tenantId) {
      id
      name
      memberAccountIds
    }
  }
`);

export const ClassifyQuestionDoc = graphql(`
  mutation ConsoleClassifyQuestion($id: ID!, $topic: String, $field: String) {
    classifyQuestion(id: $id, topic: $topic, field: $field) {
      __typename
      ... on Question {
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

export const RouteQuestionDoc = graphql(`
  mutation ConsoleRouteQuestion($id: ID!, $unitId: ID, $childTenantId: ID) {
    routeQuestion(id: $id, unitId: $unitId, childTenantId: $childTenantId) {
      __typename
      ... on Question {
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

export const ForwardQuestionDoc = graphql(`
  mutation ConsoleForwardQuestion($id: ID!, $targetTenantId: ID!, $note: String) {
    forwardQuestion(id: $id, targetTenantId: $targetTenantId, note: $note) {
      __typename
      ... on Question {
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

export const OutOfScopeDoc = graphql(`
  mutation ConsoleOutOfScope($id: ID!, $notice: String!) {
    answerQuestionOutOfScope(id: $id, notice: $notice) {
      __typename
      ... on Question {
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

export const DraftAnswerDoc = graphql(`
  mutation ConsoleDraftAnswer($id: ID!, $answer: String!) {
    draftQuestionAnswer(id: $id, answer: $answer) {
      __typename
      ... on Question {
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

export const ReturnAnswerDoc = graphql(`
  mutation ConsoleReturnAnswer($id: ID!, $note: String!) {
    returnQuestionAnswer(id: $id, note: $note) {
      __typename
      ... on Question {
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

export const ApproveAnswerDoc = graphql(`
  mutation ConsoleApproveAnswer($id: ID!, $answer: String) {
    approveQuestionAnswer(id: $id, answer: $answer) {
      __typename
      ... on Question {
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

export const PublishQuestionDoc = graphql(`
  mutation ConsolePublishQuestion($id: ID!, $publicText: String) {
    publishQuestion(id: $id, publicText: $publicText) {
      __typename
      ... on Question {
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

export const CommentQueueDoc = graphql(`
  query ConsoleCommentQueue($filter: DraftCommentQueueFilter) {
    draftCommentQueue(filter: $filter) {
      nodes {
        id
        itemId
        name
        email
        organisation
        text
        state
        reason
        createdAt
        moderatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ModerateCommentDoc = graphql(`
  mutation ConsoleModerateComment($input: ModerateDraftCommentInput!) {
    moderateDraftComment(input: $input) {
      __typename
      ... on DraftComment {
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

export const DraftDocumentsDoc = graphql(`
  query ConsoleDraftDocuments {
    contentItems(filter: { kind: DRAFT_DOCUMENT, statuses: [PUBLISHED], first: 50 }) {
      nodes {
        id
        title
      }
    }
  }
`);

export const ConsultationDoc = graphql(`
  query ConsoleConsultation($itemId: ID!) {
    consultation(itemId: $itemId) {
      itemId
      title
      opensAt
      closesAt
      status
      received
      published
      summaryHtml
      summaryPublishedAt
    }
  }
`);

export const SummaryDoc = graphql(`
  mutation ConsoleConsultationSummary($itemId: ID!, $summaryHtml: String!) {
    publishConsultationSummary(itemId: $itemId, summaryHtml: $summaryHtml) {
      __typename
      ... on ConsultationSummary {
        itemId
        publishedAt
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

export const RatingsDoc = graphql(`
  query ConsoleRatings($from: String!, $to: String!, $period: RatingPeriod!) {
    portalRatings(from: $from, to: $to, period: $period) {
      label
      periodStart
      count
      overall
      averages {
        interface
        content
        quality
        support
      }
    }
  }
`);

export const QuestionRulesDoc = graphql(`
  query ConsoleQuestionRules {
    deadlinePolicy {
      key
      nameVi
      nameEn
      rules {
        kind
        type
        workingDays
        document
        article
      }
    }
  }
`);
