import type { Claim } from '../domain/claim';
import { markdownLiteral } from '../domain/markdownLiteral';
import type { InConversation } from '../turns/customerConversation';
import { agentMessage } from './chatLines';

/** Greets the customer as the agent who now has their chat: the same words whether the agent accepted it or the router gave it to them. */
export type GreetCustomer = (claim: Claim, username: string) => Promise<void>;

const greetingText = (name: string, brand: string) =>
  `Hi, I'm ${markdownLiteral(name)} from ${brand} support. I've read your conversation with the assistant — I'll take it from here.`;

export function greetCustomer(
  inConversation: InConversation,
  authorOf: (username: string) => Promise<{ username: string; name: string }>,
  brand: string,
): GreetCustomer {
  return async (claim, username) => {
    const author = await authorOf(username);
    await inConversation(
      claim,
      async (context) => void (await context.sendActivity(agentMessage(greetingText(author.name, brand), author))),
    );
  };
}
