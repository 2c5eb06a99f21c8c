import { graphql } from '../gql';

// Administration: the portal tree (provision, apply a tree file, merge, move, retire) and accounts and roles.

export const AdminMeDoc = graphql(`
  query AdminMe {
    me {
      id
      isPlatformAdmin
    }
  }
`);

export const PortalTreeDoc = graphql(`
  query AdminPortalTree {
    portalTree {
      id
      parentId
      kind
      status
      nameVi
      nameEn
      label
      unitCode
      primaryHost
      successorId
      depth
      mayProvision
      mayRestructure
      hosts {
        host
        role
      }
    }
  }
`);

export const ProposeLabelDoc = graphql(`
  query AdminProposeLabel($name: String!, $kind: TenantKind!) {
    proposeDomainLabel(name: $name, kind: $kind)
  }
`);

export const ProvisionDoc = graphql(`
  mutation AdminProvision($input: ProvisionTenantInput!) {
    provisionTenant(input: $input) {
      __typename
      ... on Portal {
        id
        nameVi
        primaryHost
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

export const MoveDoc = graphql(`
  mutation AdminMove($input: MoveTenantInput!) {
    moveTenant(input: $input) {
      __typename
      ... on Portal {
        id
        nameVi
        primaryHost
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

export const RetireDoc = graphql(`
  mutation AdminRetire($input: RetireTenantInput!) {
    retireTenant(input: $input) {
      __typename
      ... on Portal {
        id
        nameVi
        primaryHost
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

export const ApplyTreeDoc = graphql(`
  mutation AdminApplyTree($yaml: String!, $dryRun: Boolean!) {
    applyTenantTree(yaml: $yaml, dryRun: $dryRun) {
      dryRun
      created
      updated
      unchanged
      problems {
        line
        column
        path
        code
        message
      }
    }
  }
`);

export const MergePreviewDoc = graphql(`
  query AdminMergePreview($input: MergeInput!) {
    mergePreview(input: $input) {
      __typename
      ... on MergePreview {
        sources {
          id
          nameVi
          primaryHost
        }
        target {
          id
          nameVi
          primaryHost
        }
        participants {
          participant
          counts {
            name
            value
          }
        }
        plan {
          categoryMapping {
            sourceCategoryId
            sourceTenantId
            slugPath
            nameVi
            targetCategoryId
            targetSlugPath
          }
          roleMapping {
            assignmentId
            sourceTenantId
            accountId
            username
            role
            scope
            fields
            action
            duplicate
          }
        }
        targetCategories {
          id
          slugPath
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

export const MergeDoc = graphql(`
  mutation AdminMerge($input: MergeTenantsInput!) {
    mergeTenants(input: $input) {
      __typename
      ... on Portal {
        id
        nameVi
        primaryHost
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

export const PortalChoicesDoc = graphql(`
  query AdminPortalChoices {
    portal {
      id
      nameVi
      primaryHost
      children {
        id
        nameVi
        primaryHost
      }
    }
  }
`);

export const AccountsDoc = graphql(`
  query AdminAccounts($filter: AccountsFilter) {
    accounts(filter: $filter) {
      nodes {
        id
        username
        displayName
        email
        status
        suspendedAt
        tenantId
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RoleAssignmentsDoc = graphql(`
  query AdminRoleAssignments($filter: RoleAssignmentsFilter) {
    roleAssignments(filter: $filter) {
      id
      accountId
      tenantId
      role
      scope
      fields
      validFrom
      validTo
      revokedAt
    }
  }
`);

export const GrantableRolesDoc = graphql(`
  query AdminGrantableRoles {
    grantableRoles {
      tenantId
      role
      scope
    }
  }
`);

export const CreateAccountDoc = graphql(`
  mutation AdminCreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      __typename
      ... on Account {
        id
        username
        displayName
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

export const SuspendAccountDoc = graphql(`
  mutation AdminSuspendAccount($accountId: String!, $reason: String) {
    suspendAccount(accountId: $accountId, reason: $reason) {
      __typename
      ... on Account {
        id
        status
        suspendedAt
        sessionsRevoked
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

export const ReactivateAccountDoc = graphql(`
  mutation AdminReactivateAccount($accountId: String!) {
    reactivateAccount(accountId: $accountId) {
      __typename
      ... on Account {
        id
        status
        suspendedAt
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

export const GrantRoleDoc = graphql(`
  mutation AdminGrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      __typename
      ... on RoleAssignment {
        id
        role
        scope
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

export const RevokeRoleDoc = graphql(`
  mutation AdminRevokeRole($assignmentId: String!) {
    revokeRole(assignmentId: $assignmentId) {
      __typename
      ... on RoleAssignment {
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
