import { graphql } from '../gql';

// Working days, the portal's own days off and make-up days, and its deadline profile (screens/calendar/).

export const CalendarYearDoc = graphql(`
  query ConsoleCalendarYear($year: Int!) {
    calendarYear(year: $year) {
      date
      working
      nameVi
      nameEn
      origin
      source
    }
  }
`);

export const CalendarOverridesDoc = graphql(`
  query ConsoleCalendarOverrides($tenantId: String) {
    calendarOverrides(tenantId: $tenantId) {
      id
      tenantId
      date
      working
      nameVi
      nameEn
      source
      createdAt
    }
  }
`);

export const SetCalendarOverrideDoc = graphql(`
  mutation ConsoleSetCalendarOverride($input: SetCalendarOverrideInput!) {
    setCalendarOverride(input: $input) {
      __typename
      ... on CalendarOverride {
        id
        date
        working
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

export const RemoveCalendarOverrideDoc = graphql(`
  mutation ConsoleRemoveCalendarOverride($id: String!) {
    removeCalendarOverride(id: $id) {
      __typename
      ... on CalendarOverride {
        id
        revokedAt
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

export const ImportCalendarOverridesDoc = graphql(`
  mutation ConsoleImportCalendarOverrides($tenantId: ID!, $yaml: String!) {
    importCalendarOverrides(tenantId: $tenantId, yaml: $yaml) {
      __typename
      ... on CalendarImport {
        added
        replaced
        unchanged
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

export const DueAtDoc = graphql(`
  query ConsoleDueAt($kind: InformationKind!, $anchor: DateTime!) {
    dueAt(kind: $kind, anchor: $anchor) {
      dueAt
      dueDate
      rule {
        type
        workingDays
        article
        document
      }
    }
  }
`);

export const DeadlineProfileDoc = graphql(`
  query ConsoleDeadlineProfile {
    deadlinePolicy {
      key
      nameVi
      nameEn
      document
      extends
      inheritedFrom
      rules {
        kind
        type
        workingDays
        weekday
        time
        anchor
        article
        quote
        profileKey
        document
      }
    }
    deadlinePolicyProfiles {
      key
      nameVi
      nameEn
      document
    }
  }
`);

export const PortalNameDoc = graphql(`
  query ConsolePortalName($id: String!) {
    tenant(id: $id) {
      id
      name
      primaryHost
    }
  }
`);

export const SetDeadlinePolicyDoc = graphql(`
  mutation ConsoleSetDeadlinePolicy($tenantId: String!, $profileKey: String) {
    setDeadlinePolicy(tenantId: $tenantId, profileKey: $profileKey) {
      __typename
      ... on DeadlinePolicy {
        key
        inheritedFrom
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
