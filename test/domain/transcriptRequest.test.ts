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
    'Can you send this chat to my email?',
    'could I get a copy of this conversation please',
    "I'd like the transcript",
    'email me a copy of the chat at jane@example.com',
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
    'can you forward this chat to a person',
    'send this conversation to a human',
    "the recorder doesn't send messages",
    'it used to send messages when motion was detected',
    'I need a transcript of the recording',
    'send messages',
    'the app sends me the motion clips by email',
  ])('does not ask: %s', (text) => expect(asksForTranscript(text)).toBe(false));
});
