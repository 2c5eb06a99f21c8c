import { graphql } from '../gql';

// Media items (video, audio, photo galleries): the files are uploaded by POST /media/<kind> with the
// item's id; these read them back and describe, order and withdraw them.

export const ItemMediaDoc = graphql(`
  query ConsoleItemMedia($itemId: ID!) {
    itemMedia(itemId: $itemId) {
      itemId
      photoCount
      main {
        id
        fileName
        mediaType
        size
      }
      poster {
        id
        fileName
      }
      captions {
        id
        fileName
      }
      photos {
        id
        fileName
        position
        captionVi
        captionEn
        creditVi
        creditEn
      }
    }
  }
`);

export const DescribeGalleryPhotoDoc = graphql(`
  mutation ConsoleDescribeGalleryPhoto($id: ID!, $input: DescribeGalleryPhotoInput!) {
    describeGalleryPhoto(id: $id, input: $input) {
      __typename
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const ReorderGalleryDoc = graphql(`
  mutation ConsoleReorderGallery($itemId: ID!, $photoIds: [ID!]!) {
    reorderGallery(itemId: $itemId, photoIds: $photoIds) {
      __typename
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);

export const WithdrawMediaFileDoc = graphql(`
  mutation ConsoleWithdrawMediaFile($id: ID!) {
    withdrawMediaFile(id: $id) {
      __typename
      ... on InputError {
        errorCode
        field
        messageVi
        messageEn
      }
    }
  }
`);
