import { graphql } from '../gql';

// Legal documents' validity, relations and import; the catalogue of public services.

export const LegalDocumentsDoc = graphql(`
  query ConsoleLegalDocuments($filter: LegalDocumentsFilter) {
    legalDocuments(filter: $filter) {
      id
      title
      slug
      fields
      publishedAt
      legalValidity
    }
  }
`);

export const LegalStatusDoc = graphql(`
  query ConsoleLegalStatus($itemId: ID!) {
    legalDocumentStatus(itemId: $itemId) {
      itemId
      validity
      validityToday
      expiryDate
      nationalDbUrl
      relations {
        id
        kind
        otherItemId
        otherTenantId
        otherTitle
        otherNumber
      }
    }
  }
`);

export const SetLegalValidityDoc = graphql(`
  mutation ConsoleSetLegalValidity($itemId: ID!, $input: LegalValidityInput!) {
    setLegalValidity(itemId: $itemId, input: $input) {
      __typename
      ... on LegalDocumentStatus {
        itemId
        validity
        validityToday
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

export const RelateLegalDocumentsDoc = graphql(`
  mutation ConsoleRelateLegalDocuments($input: RelateLegalDocumentsInput!) {
    relateLegalDocuments(input: $input) {
      __typename
      ... on LegalDocumentStatus {
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

export const RemoveLegalRelationDoc = graphql(`
  mutation ConsoleRemoveLegalRelation($id: ID!) {
    removeLegalRelation(id: $id) {
      __typename
      ... on LegalDocumentStatus {
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

export const FindLegalDocumentsDoc = graphql(`
  query ConsoleFindLegalDocuments($number: String!) {
    findLegalDocuments(number: $number) {
      itemId
      tenantId
      portalName
      number
      title
    }
  }
`);

export const ImportLegalDocumentsDoc = graphql(`
  mutation ConsoleImportLegalDocuments($input: ImportLegalDocumentsInput!) {
    importLegalDocuments(input: $input) {
      __typename
      ... on LegalImportReport {
        dryRun
        created
        updated
        unchanged
        relationsAdded
        lines {
          line
          number
          itemId
          outcome
        }
      }
      ... on ImportRejected {
        errors {
          line
          field
          errorCode
          messageVi
          messageEn
        }
      }
    }
  }
`);

export const PublicServiceEntriesDoc = graphql(`
  query ConsolePublicServiceEntries($filter: PublicServicesFilter) {
    publicServiceEntries(filter: $filter) {
      id
      code
      nameVi
      nameEn
      field
      level
      portalUrl
      receivedCount
      processedCount
      countsAsOf
      withdrawnAt
    }
  }
`);

export const ImportPublicServicesDoc = graphql(`
  mutation ConsoleImportPublicServices($input: ImportPublicServicesInput!) {
    importPublicServices(input: $input) {
      __typename
      ... on PublicServiceImportReport {
        dryRun
        created
        updated
        unchanged
        lines {
          line
          code
          serviceId
          outcome
        }
      }
      ... on ImportRejected {
        errors {
          line
          field
          errorCode
          messageVi
          messageEn
        }
      }
    }
  }
`);
