import { graphql } from '../gql';

// Reports, report files and the audit log (the screens in screens/reports/).

/** The addressed portal and the portals right below it: what a report, a calendar day or a log may name. */
export const ScopePortalsDoc = graphql(`
  query ConsoleScopePortals {
    portal {
      id
      name
      nameVi
      primaryHost
      kind
      children {
        id
        name
        nameVi
        primaryHost
        kind
        status
      }
    }
  }
`);

export const ReportDoc = graphql(`
  query ConsoleReport($period: String!, $scope: ReportScope!, $tenantId: ID) {
    report(period: $period, scope: $scope, tenantId: $tenantId) {
      scope
      period
      from
      to
      portalCount
      root {
        id
        host
        nameVi
      }
      total {
        published {
          total
          byKind {
            key
            count
          }
        }
        timeliness {
          kind
          published
          withDeadline
          onTime
          late
        }
        board {
          decided
          withDeadline
          onTime
          late
          medianHours
        }
        questions {
          received
          handled
          answered
          answeredOnTime
          answerLate
          published
        }
        syndication {
          sentUp
          receivedUp
          pushedDown
          receivedDown
        }
      }
      portals {
        portal {
          id
          host
          nameVi
          kind
        }
        figures {
          published {
            total
          }
          timeliness {
            withDeadline
            onTime
            late
          }
          board {
            decided
            late
          }
          questions {
            received
            answerLate
          }
        }
        rules {
          key
          titleVi
          titleEn
          document
          article
          outcome
          findings
        }
      }
      royalties {
        total {
          lines
          payees
          items
          royalties
          syndicated
          remuneration
          adjustments
          total
          byMonth {
            month
            lines
            payees
            royalties
            syndicated
            remuneration
            adjustments
            total
          }
          byUnit {
            unit
            outside
            lines
            payees
            items
            royalties
            syndicated
            remuneration
            adjustments
            total
          }
        }
        portals {
          portal {
            id
            host
            nameVi
          }
          figures {
            lines
            payees
            royalties
            syndicated
            remuneration
            adjustments
            total
          }
        }
        notCounted {
          portal {
            id
            nameVi
          }
          month
          state
        }
      }
      ruleSummaries {
        key
        titleVi
        titleEn
        document
        article
        passed
        failed
        notApplicable
        failedPortals
      }
    }
  }
`);

export const ReportLateItemsDoc = graphql(`
  query ConsoleReportLateItems($period: String!, $scope: ReportScope!, $tenantId: ID, $after: String) {
    reportLateItems(period: $period, scope: $scope, tenantId: $tenantId, first: 50, after: $after) {
      itemId
      tenantId
      kind
      title
      dueAt
      publishedAt
      cursor
    }
  }
`);

export const RequestReportExportDoc = graphql(`
  mutation ConsoleRequestReportExport(
    $period: String!
    $format: ReportFormat!
    $scope: ReportScope!
    $tenantId: ID
  ) {
    requestReportExport(period: $period, format: $format, scope: $scope, tenantId: $tenantId) {
      __typename
      ... on ReportExport {
        id
        status
        format
        fileName
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

export const ReportExportDoc = graphql(`
  query ConsoleReportExport($id: ID!) {
    reportExport(id: $id) {
      id
      status
      format
      fileName
      size
      downloadUrl
      error
      requestedAt
      finishedAt
    }
  }
`);

export const AuditLogDoc = graphql(`
  query ConsoleAuditLog($filter: AuditLogFilter) {
    auditLog(filter: $filter) {
      nodes {
        id
        occurredAt
        tenantId
        actorLabel
        action
        subjectType
        subjectId
        before
        after
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
