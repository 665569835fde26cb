import { plain } from './text';

const CHAT = '(?:conversation|chat(?: log| history)?|transcript|discussion|messages)';
/** "email me this conversation", "send me a copy of the chat", "forward the transcript to my email" */
const SEND_CHAT = new RegExp(
  String.raw`\b(?:e-?mail|mail|send|forward)\b(?: (?:it|that))?(?: (?:to )?(?:me|myself|us))?(?: (?:a|the) (?:copy|record) of)?(?: (?:this|the|our|my|a|that))?(?: (?:whole|entire|full))? ${CHAT}\b`,
);
/** "this conversation by email", "a copy of this chat to my email", "the chat in an email" */
const CHAT_BY_MAIL = new RegExp(String.raw`\b${CHAT}\b.{0,40}\b(?:by|via|over|to my|in an?|into my) e-?mail\b`);
/** "a copy of this conversation", "transcript please", "can I get the transcript" */
const COPY_OF_CHAT = new RegExp(String.raw`\b(?:copy|record) of (?:this|the|our|my) ${CHAT}\b|\btranscript\b`);
const REFUSED = /\b(?:don'?t|do not|no need to|never|not|won'?t|no)\b(?: \w+){0,3} (?:e-?mail|mail|send|forward|transcript|copy)\b/;

/**
 * Whether the customer asks for the conversation by email ("email me this conversation"), at any
 * point of the chat. Not a camera's own messages ("it stopped sending email alerts") and not a
 * refusal ("no need to email me").
 * @example asksForTranscript('could you email me a copy of this chat?') // true
 */
export function asksForTranscript(raw: unknown): boolean {
  const text = plain(raw, 500);
  if (!text || REFUSED.test(text)) return false;
  return SEND_CHAT.test(text) || CHAT_BY_MAIL.test(text) || COPY_OF_CHAT.test(text);
}
