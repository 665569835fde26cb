import { FILE_LINK_SECONDS, FileLinks } from '../../src/channels/directLine/fileLinks';
import { fixedClock } from '../../src/clock';

const ID = '3f2b6c1e-7a4d-4e0b-9c55-0d1e2f3a4b5c';
const OTHER = '00000000-0000-4000-8000-000000000000';
const ORIGIN = 'https://help.example.com';

function links() {
  const clock = fixedClock('2026-03-02T12:00:00Z');
  return { clock, links: new FileLinks('secret', clock, () => ORIGIN) };
}

describe('FileLinks', () => {
  test('a stored reference reads back only with its own signature', () => {
    const { links: l } = links();
    const reference = l.reference(ID);
    expect(l.resolve(reference)).toEqual({ fileId: ID });
    expect(l.resolve(`urn:qsee:file:${ID}`)).toBeNull();
    expect(l.resolve(reference.replace(ID, OTHER))).toBeNull();
    expect(l.resolve(new FileLinks('another secret', fixedClock('2026-03-02T12:00:00Z'), () => ORIGIN).reference(ID))).toBeNull();
  });

  test('a link works for its file until it expires, and only on our origin', () => {
    const { links: l, clock } = links();
    const link = l.link(ID);
    expect(link.startsWith(`${ORIGIN}/v3/directline/attachments/${ID}?e=`)).toBe(true);
    expect(l.resolve(link)).toEqual({ fileId: ID });
    expect(l.resolve(link.replace(ORIGIN, 'https://evil.example'))).toBeNull();
    expect(l.resolve(link.replace(ID, OTHER))).toBeNull();
    clock.advance(FILE_LINK_SECONDS * 1000 - 1000);
    expect(l.resolve(link)).toEqual({ fileId: ID });
    clock.advance(1000);
    expect(l.resolve(link)).toBeNull();
  });

  test('a refusal tells the bot why; the client sees the file name without a URL', () => {
    const { links: l } = links();
    expect(l.resolve(FileLinks.refusal('wrong_type'))).toEqual({ refused: 'wrong_type' });
    const activity = {
      type: 'message',
      attachments: [
        { contentType: 'application/octet-stream', name: 'virus.exe', contentUrl: FileLinks.refusal('wrong_type') },
        { contentType: 'image/jpeg', name: 'r.jpg', contentUrl: l.reference(ID) },
        { contentType: 'image/png', name: 'card.png', contentUrl: 'https://cdn.example.com/card.png' },
      ],
    };
    const shown = l.forClient(activity);
    expect(shown.attachments?.[0]).toEqual({ contentType: 'application/octet-stream', name: 'virus.exe' });
    expect(shown.attachments?.[1].contentUrl).toBe(l.link(ID));
    expect(shown.attachments?.[2]).toEqual(activity.attachments[2]);
    expect(activity.attachments[1].contentUrl).toBe(l.reference(ID)); // the stored activity is left as it is
    expect(l.resolve('https://cdn.example.com/card.png')).toBeNull();
  });
});
