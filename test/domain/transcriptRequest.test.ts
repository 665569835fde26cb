import { asksForTranscript } from '../../src/domain/transcriptRequest';

describe('asksForTranscript', () => {
  test.each([
    'email me this conversation',
    'Email me this conversation please',
    'can you e-mail me the transcript?',
    'could you send me a copy of this chat?',
    'send the chat to my email',
    'please forward this conversation to my email',
    'I would like this conversation by email',
    'can I get a transcript',
    'transcript please',
    'mail me the whole conversation',
    'send me our chat history',
    'Can you send this chat to me via email?',
  ])('asks: %s', (text) => expect(asksForTranscript(text)).toBe(true));

  test.each([
    'the camera stopped sending email alerts',
    'my NVR no longer emails me snapshots',
    'I sent you a chat message yesterday',
    'no need to email me',
    "don't send me the transcript",
    'I bought it on March 3',
    'the invoice is in my email',
    'I emailed support last week about it',
    'my email is jane@example.com',
    'chat',
    '',
    'yes',
  ])('does not ask: %s', (text) => expect(asksForTranscript(text)).toBe(false));
});
