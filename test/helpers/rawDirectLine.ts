import WebSocket from 'ws';

export interface DlActivity {
  type: string;
  name?: string;
  id?: string;
  text?: string;
  from: { id: string; role?: string };
  inputHint?: string;
  channelData?: any;
}

/**
 * A Direct Line customer on plain HTTP and a WebSocket: `onFrame` runs inside the socket's
 * message handler, the moment a frame arrives, before anything else looks at it.
 */
export async function rawDirectLineCustomer(base: string, onFrame: (activities: DlActivity[]) => void = () => {}) {
  const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
    userId: string;
  };
  const auth = { Authorization: `Bearer ${session.token}` };
  const started = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
    streamUrl: string;
  };
  const seen: DlActivity[] = [];
  const waiters: Array<() => void> = [];
  const socket = new WebSocket(started.streamUrl);
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { activities: DlActivity[] };
    onFrame(frame.activities);
    seen.push(...frame.activities);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let n = 0;
  return {
    session,
    seen,
    /** Resolves once a bot activity matches (the socket is the only clock). */
    async until(match: (a: DlActivity) => boolean): Promise<DlActivity> {
      for (;;) {
        const found = seen.find((a) => a.from.role !== 'user' && match(a));
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    asked(prompt: string) {
      return this.until((a) => a.inputHint === 'expectingInput' && a.channelData?.prompt === prompt);
    },
    /** `at`: the instance the message is posted to (another one of the same deployment; default the one the chat began on). */
    async say(text: string, at = base): Promise<number> {
      return this.send({ type: 'message', text }, at);
    },
    /** Posts an activity of the customer's (a message, a typing sign); its HTTP status. */
    async send(activity: { type: string; text?: string }, at = base): Promise<number> {
      const res = await fetch(`${at}/v3/directline/conversations/${session.conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...activity, from: { id: session.userId }, channelData: { clientActivityID: `c${++n}` } }),
      });
      return res.status;
    },
    async upload(name: string, bytes: Buffer): Promise<number> {
      const form = new FormData();
      form.append(
        'activity',
        new Blob([JSON.stringify({ type: 'message', from: { id: session.userId } })], { type: 'application/vnd.microsoft.activity' }),
      );
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
      const res = await fetch(`${base}/v3/directline/conversations/${session.conversationId}/upload?userId=${session.userId}`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      return res.status;
    },
    close: () => socket.close(),
  };
}

/** A customer's claim up to the upload of their proof: a QT5682 bought "February 20th", a receipt to send. */
export async function claimUpToTheUpload(customer: Pick<Awaited<ReturnType<typeof rawDirectLineCustomer>>, 'say' | 'asked'>) {
  await customer.say('I want to start a warranty claim');
  await customer.asked('product');
  await customer.say('QT5682 4K bullet camera');
  await customer.asked('purchaseDate');
  await customer.say('I bought it on February 20th');
  await customer.asked('proofType');
  await customer.say('I have the receipt');
  await customer.asked('proofUpload');
}
