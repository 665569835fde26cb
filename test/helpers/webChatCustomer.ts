import { DirectLine } from 'botframework-directlinejs';
import WebSocket from 'ws';

(global as any).XMLHttpRequest = require('xhr2');
(global as any).WebSocket = WebSocket;

/**
 * A customer on the help page's Direct Line (botframework-directlinejs, as Web Chat uses it), once the
 * greeting has asked what they want: what they have seen, a wait for an activity, and how they speak.
 * Their client is pushed on `customers`, for the test to end it afterwards (else jest never exits).
 */
export async function webChatCustomer(base: string, customers: DirectLine[]) {
  const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as any;
  const dl = new DirectLine({ domain: `${base}/v3/directline`, token: session.token, webSocket: true } as any);
  customers.push(dl);
  const seen: any[] = [];
  let wake: () => void = () => {};
  dl.activity$.subscribe(
    (a: any) => {
      seen.push(a);
      wake();
    },
    () => {}, // "conversation ended" after dl.end() is expected
  );
  const until = async (test: (a: any) => boolean) => {
    for (;;) {
      const found = seen.find(test);
      if (found) return found;
      await new Promise<void>((r) => (wake = r));
    }
  };
  const say = (text: string) =>
    new Promise((resolve, reject) => dl.postActivity({ type: 'message', from: { id: 'x' }, text } as any).subscribe(resolve, reject));
  await until((a) => a.channelData?.prompt === 'menu');
  return { session, dl, seen, until, say };
}
