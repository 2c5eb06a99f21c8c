import { graphql } from '../gql';

// The portal's look, its categories and menus (screens/settings/).

export const SiteThemeDoc = graphql(`
  query ConsoleSiteTheme {
    siteTheme {
      tenantId
      primaryColour
      accentColour
      logoUrl
      bannerUrl
      bannerAltVi
      bannerAltEn
      ownerVi
      ownerEn
      address
      phone
      email
      editorInChief
      licence
      ownFields
      inheritedFields
    }
  }
`);

export const SetSiteThemeDoc = graphql(`
  mutation ConsoleSetSiteTheme($input: SiteThemeInput!, $tenantId: ID) {
    setSiteTheme(input: $input, tenantId: $tenantId) {
      __typename
      ... on SiteTheme {
        tenantId
        primaryColour
        accentColour
        ownFields
        inheritedFields
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

export const SiteStructureDoc = graphql(`
  query ConsoleSiteStructure {
    siteStructure {
      __typename
      ... on SiteStructure {
        tenantId
        template
        categories {
          id
          parentId
          slug
          slugPath
          nameVi
          nameEn
          contentKind
          thematic
          languages
          position
          hidden
          templateKey
        }
        menuEntries {
          id
          menu
          parentId
          labelVi
          labelEn
          categoryId
          url
          external
          languages
          position
          hidden
          templateKey
        }
        changedParts {
          part
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

export const CreateSiteCategoryDoc = graphql(`
  mutation ConsoleCreateSiteCategory($input: CreateSiteCategoryInput!) {
    createSiteCategory(input: $input) {
      __typename
      ... on SiteCategory {
        id
        slugPath
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

export const UpdateSiteCategoryDoc = graphql(`
  mutation ConsoleUpdateSiteCategory($input: UpdateSiteCategoryInput!) {
    updateSiteCategory(input: $input) {
      __typename
      ... on SiteCategory {
        id
        slugPath
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

export const MoveSiteCategoryDoc = graphql(`
  mutation ConsoleMoveSiteCategory($input: MoveSiteCategoryInput!) {
    moveSiteCategory(input: $input) {
      __typename
      ... on SiteCategory {
        id
        slugPath
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

export const SetSiteCategoryHiddenDoc = graphql(`
  mutation ConsoleSetSiteCategoryHidden($id: ID!, $hidden: Boolean!) {
    setSiteCategoryHidden(id: $id, hidden: $hidden) {
      __typename
      ... on SiteCategory {
        id
        hidden
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

export const CreateSiteMenuEntryDoc = graphql(`
  mutation ConsoleCreateSiteMenuEntry($input: CreateSiteMenuEntryInput!) {
    createSiteMenuEntry(input: $input) {
      __typename
      ... on SiteMenuEntry {
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

export const UpdateSiteMenuEntryDoc = graphql(`
  mutation ConsoleUpdateSiteMenuEntry($input: UpdateSiteMenuEntryInput!) {
    updateSiteMenuEntry(input: $input) {
      __typename
      ... on SiteMenuEntry {
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

export const MoveSiteMenuEntryDoc = graphql(`
  mutation ConsoleMoveSiteMenuEntry($input: MoveSiteMenuEntryInput!) {
    moveSiteMenuEntry(input: $input) {
      __typename
      ... on SiteMenuEntry {
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

export const SetSiteMenuEntryHiddenDoc = graphql(`
  mutation ConsoleSetSiteMenuEntryHidden($id: ID!, $hidden: Boolean!) {
    setSiteMenuEntryHidden(id: $id, hidden: $hidden) {
      __typename
      ... on SiteMenuEntry {
        id
        hidden
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

export const ReapplyTemplateDoc = graphql(`
  mutation ConsoleReapplyTemplate($template: String!, $dryRun: Boolean!) {
    reapplyPortalTemplate(template: $template, dryRun: $dryRun) {
      __typename
      ... on TemplateReapplyReport {
        template
        dryRun
        portals {
          tenantId
          nameVi
          primaryHost
          changes {
            part
            action
            detail
          }
          skipped {
            part
            reason
            reasonVi
            reasonEn
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
