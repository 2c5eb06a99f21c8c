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
    categories {
      id
      name
      nameVi
      nameEn
      slug
      parentId
      position
      contentKind
    }
    mainMenu: menu(name: MAIN) {
      id
      label
      url
      parentId
      categoryId
    }
    footerMenu: menu(name: FOOTER) {
      id
      label
      url
      parentId
      categoryId
    }
  }
`);
