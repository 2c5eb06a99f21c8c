import { graphql } from '../gql';

// Royalties (nhuận bút): the statement of a month, its workflow and the board head's corrections.
// Mutations answer little: the screen reads the statement again after each.

export const RoyaltyStatementDoc = graphql(`
  query ConsoleRoyaltyStatement($tenantId: ID!, $month: String!) {
    royaltyStatement(tenantId: $tenantId, month: $month) {
      id
      month
      state
      profileKey
      total
      draftedAt
      checkedAt
      approvedAt
      lockedAt
      lines {
        lineNo
        kind
        itemId
        payeeName
        title
        genre
        genreNameVi
        genreNameEn
        coefficient
        factorPercent
        levelPercent
        sharePercent
        unitValue
        dated
        amount
        note
        adjustsLineNo
      }
      budget {
        year
        budget
        usedBefore
        thisMonth
        left
        exceeded
      }
      warnings {
        code
        message
      }
      adjustments {
        id
        status
        lineNo
        entryKind
        payeeName
        entryTitle
        computedAmount
        amount
        reason
        adjustedBy
        adjustedAt
      }
    }
  }
`);

export const DraftRoyaltyStatementDoc = graphql(`
  mutation ConsoleDraftRoyaltyStatement($tenantId: ID!, $month: String!) {
    draftRoyaltyStatement(tenantId: $tenantId, month: $month) {
      __typename
      ... on RoyaltyStatement {
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

export const CheckRoyaltyStatementDoc = graphql(`
  mutation ConsoleCheckRoyaltyStatement($statementId: ID!) {
    checkRoyaltyStatement(statementId: $statementId) {
      __typename
      ... on RoyaltyStatement {
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

export const ApproveRoyaltyStatementDoc = graphql(`
  mutation ConsoleApproveRoyaltyStatement($statementId: ID!) {
    approveRoyaltyStatement(statementId: $statementId) {
      __typename
      ... on RoyaltyStatement {
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

export const LockRoyaltyStatementDoc = graphql(`
  mutation ConsoleLockRoyaltyStatement($statementId: ID!) {
    lockRoyaltyStatement(statementId: $statementId) {
      __typename
      ... on RoyaltyStatement {
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

export const AdjustRoyaltyLineDoc = graphql(`
  mutation ConsoleAdjustRoyaltyLine($input: AdjustRoyaltyLineInput!) {
    adjustRoyaltyStatementLine(input: $input) {
      __typename
      ... on RoyaltyStatement {
        id
        total
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

export const RoyaltyStatementFileDoc = graphql(`
  query ConsoleRoyaltyStatementFile($statementId: ID!, $format: RoyaltySheetFormat!) {
    royaltyStatementFile(statementId: $statementId, format: $format) {
      fileName
      contentType
      base64
    }
  }
`);

// Grading at approval: the profiles (genres and ranges), the collaborators, the grade in force.
export const RoyaltyGradeDoc = graphql(`
  query ConsoleRoyaltyGrade($itemId: ID!, $tenantId: ID!) {
    royaltyGrade(itemId: $itemId) {
      id
      profileKey
      genre
      coefficient
      photoCount
      photoCoefficient
      reposted
      notPaidReason
      note
      gradedAt
      authors {
        accountId
        collaboratorId
        share
      }
    }
    royaltyProfiles {
      key
      nameVi
      followedHere
      eligibleKinds
      photoMin
      photoMax
      repostPercent
      genres {
        key
        nameVi
        nameEn
        min
        max
        article
      }
    }
    collaborators(tenantId: $tenantId) {
      id
      penName
    }
  }
`);

export const GradeItemDoc = graphql(`
  mutation ConsoleGradeItem($input: GradeItemInput!) {
    gradeItem(input: $input) {
      __typename
      ... on RoyaltyGrade {
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
