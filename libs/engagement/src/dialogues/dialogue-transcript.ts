import { vietnameseInstant } from '../consultations/public-result';
import {
  DialogueGuestEntity,
  DialogueGuestKind,
  DialogueQuestionEntity,
  DialogueSessionEntity,
} from './dialogue.entity';
import { escapeHtml, htmlParagraphs } from './dialogue-input';

const guestLine = (g: DialogueGuestEntity) => `${g.name}, ${g.jobTitle}, ${g.unit}`;

/** The question as published: the board's edit when there is one, else as the citizen wrote it. */
export const shownText = (q: DialogueQuestionEntity) => q.displayText ?? q.text;

/**
 * The transcript of a session as an item's body: time and place, the guests, then every published
 * question with its answer in the order they were answered (the content sanitiser sees it on save).
 */
export function transcriptHtml(
  session: DialogueSessionEntity,
  guests: DialogueGuestEntity[],
  answered: DialogueQuestionEntity[],
  allGuests: DialogueGuestEntity[],
): string {
  const byId = new Map(allGuests.map((g) => [g.id, g]));
  const parts = [
    htmlParagraphs(session.topicVi),
    `<p><strong>Thời gian:</strong> từ ${escapeHtml(vietnameseInstant(session.startedAt ?? session.startsAt))} ` +
      `đến ${escapeHtml(vietnameseInstant(session.endedAt ?? session.endsAt))}</p>`,
    `<p><strong>Địa điểm:</strong> ${escapeHtml(session.place)}</p>`,
    '<h2>Khách mời</h2>',
    `<ul>${guests
      .map(
        (g) =>
          `<li>${escapeHtml(guestLine(g))}${g.kind === DialogueGuestKind.EXPERT ? ' (chuyên gia)' : ''}</li>`,
      )
      .join('')}</ul>`,
    '<h2>Câu hỏi và trả lời</h2>',
  ];
  if (!answered.length) parts.push('<p>Buổi giao lưu không có câu hỏi nào được trả lời.</p>');
  answered.forEach((q, i) => {
    const guest = q.guestId ? byId.get(q.guestId) : undefined;
    parts.push(
      `<h3>Câu hỏi ${i + 1} (bạn ${escapeHtml(q.askerName)})</h3>`,
      htmlParagraphs(shownText(q)),
      `<p><strong>${escapeHtml(guest ? `${guest.name}, ${guest.jobTitle}` : 'Khách mời')} trả lời:</strong></p>`,
      htmlParagraphs(q.answer ?? ''),
    );
  });
  return parts.join('\n');
}
