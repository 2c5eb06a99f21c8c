import { graphql } from '../gql';

// Online dialogues (giao lưu trực tuyến): sessions, their guests, the question queue and answers.

export const DialoguesDoc = graphql(`
  query ConsoleDialogues {
    dialogues(first: 100) {
      nodes {
        id
        state
        title
        place
        startsAt
        endsAt
        guests {
          id
          name
        }
      }
    }
  }
`);

export const DialogueDoc = graphql(`
  query ConsoleDialogue($id: ID!) {
    dialogue(id: $id) {
      id
      state
      title
      titleVi
      titleEn
      topicVi
      topicEn
      place
      startsAt
      endsAt
      cancelReason
      transcriptItemId
      guests {
        id
        kind
        name
        jobTitle
        unit
      }
      allGuests {
        id
        name
      }
      questions {
        id
        trackingCode
        status
        askerName
        email
        phone
        text
        displayText
        guestId
        answer
        rejectReason
        receivedAt
        answeredAt
      }
    }
  }
`);

export const ScheduleDialogueDoc = graphql(`
  mutation ConsoleScheduleDialogue($input: DialogueInput!) {
    scheduleDialogue(input: $input) {
      __typename
      ... on Dialogue {
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

export const UpdateDialogueDoc = graphql(`
  mutation ConsoleUpdateDialogue($id: ID!, $input: DialogueInput!) {
    updateDialogue(id: $id, input: $input) {
      __typename
      ... on Dialogue {
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

export const TransitionDialogueDoc = graphql(`
  mutation ConsoleTransitionDialogue($id: ID!, $step: DialogueStep!, $reason: String) {
    transitionDialogue(id: $id, step: $step, reason: $reason) {
      __typename
      ... on Dialogue {
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

export const SelectDialogueQuestionDoc = graphql(`
  mutation ConsoleSelectDialogueQuestion($id: ID!, $input: SelectDialogueQuestionInput) {
    selectDialogueQuestion(id: $id, input: $input) {
      __typename
      ... on DialogueQuestion {
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

export const RejectDialogueQuestionDoc = graphql(`
  mutation ConsoleRejectDialogueQuestion($id: ID!, $reason: String!) {
    rejectDialogueQuestion(id: $id, reason: $reason) {
      __typename
      ... on DialogueQuestion {
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

export const AnswerDialogueQuestionDoc = graphql(`
  mutation ConsoleAnswerDialogueQuestion($id: ID!, $answer: String!, $guestId: ID) {
    answerDialogueQuestion(id: $id, answer: $answer, guestId: $guestId) {
      __typename
      ... on DialogueQuestion {
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
