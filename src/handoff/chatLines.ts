import { ActivityTypes, InputHints } from 'botbuilder';

/** A line in the customer's chat in an agent's name (what they typed or emailed, or their greeting). */
export const agentMessage = (text: string, author: { username: string; name: string }) => ({
  type: ActivityTypes.Message,
  text,
  inputHint: InputHints.AcceptingInput,
  channelData: { agentAuthor: author },
});

/** A line from the service itself (no agent's name on it) in the customer's chat. */
export const serviceMessage = (text: string) => ({ type: ActivityTypes.Message, text, inputHint: InputHints.AcceptingInput });
