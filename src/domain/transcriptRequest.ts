import { plain } from './text';

/** This chat, named as a customer names it. Not "messages": a camera "sends messages" too. */
const CHAT =
  '(?:this|the|our|my|a|that)(?: (?:whole|entire|full))? (?:conversation|chat(?: log| history)?|discussion|chat transcript|transcript)';
/** "email me this conversation", "send me a copy of the chat", "mail myself the transcript" */
const TO_ME = new RegExp(`\\b(?:e-?mail|mail|send|forward)(?: it)? (?:me|myself)(?: (?:a|the) (?:copy|record) of)? ${CHAT}\\b`);
/** "send this chat to my email", "forward the conversation to my inbox", "this conversation by email" */
const TO_MY_MAIL = new RegExp(
  `\\b${CHAT}\\b.{0,40}\\b(?:to my (?:e-?mail|inbox|address)|by e-?mail|via e-?mail|over e-?mail|in an e-?mail)\\b`,
);
/** "can I get a copy of this chat", "I'd like the transcript", "transcript please" */
const COPY_FOR_ME = new RegExp(
  `\\b(?:(?:can|could|may) i (?:get|have|receive)|i(?:'d| would) like|i want|i need|please send|send me|get me|give me)(?: (?:a|the) (?:copy|record) of)? ${CHAT}\\b|^(?:the |a |chat )?transcript(?: please)?\\W*$|\\b(?:a|the) (?:copy|record) of ${CHAT}\\b.{0,20}\\b(?:please|by e-?mail)\\b`,
);
/** The transcript of something else: "a transcript of the recording". */
const OTHER_TRANSCRIPT = /\btranscript of (?:the|a|an|my|that|this) (?!chat|conversation)/;
const REFUSED = /\b(?:don'?t|do not|no need to|never|won'?t|no)\b(?: \w+){0,3} (?:e-?mail|mail|send|forward|transcript|copy)\b/;

/**
 * Whether the customer asks for this conversation by email ("email me this conversation"), at any
 * point of the chat. The customer must be the one to get it (me, my email, a copy for me): a camera's
 * own messages ("it stopped sending messages"), a recording's transcript and a conversation forwarded
 * to a person ("forward this chat to an agent") are not, nor is a refusal ("no need to email me").
 * @example asksForTranscript('could you email me a copy of this chat?') // true
 */
export function asksForTranscript(raw: unknown): boolean {
  const text = plain(raw, 500);
  if (!text || REFUSED.test(text) || OTHER_TRANSCRIPT.test(text)) return false;
  return TO_ME.test(text) || TO_MY_MAIL.test(text) || COPY_FOR_ME.test(text);
}
