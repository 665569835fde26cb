/** A mail as the outbox keeps it: a subject, a plain-text body and a simple HTML body saying the same. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a customer mail says, in blocks: paragraphs, a quoted message (an agent's), a transcript, a link back to the chat. */
export interface MailContent {
  brand: string;
  subject: string;
  paragraphs: string[];
  /** A message shown apart (an agent's words), with who wrote it. */
  quote?: { author: string; text: string };
  /** Lines of a conversation: who said it, when, what. */
  transcript?: { who: string; when: string; text: string }[];
  /** The signed link back to the conversation, and how long it works. */
  link?: { url: string; validDays: number } | null;
  /** The last word: where replies go, how to get help. */
  footer: string[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Line breaks kept in HTML, everything else escaped: nothing a customer or an agent typed becomes markup. */
const htmlLines = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br>');

/**
 * Renders a customer mail in plain text and in simple HTML: no images, no remote styles, no
 * tracking, and links as they are (never through a redirect), so what the customer sees is
 * what they click.
 */
export function renderMail(content: MailContent): ComposedMail {
  const linkLine = content.link
    ? `Open your conversation again (to upload a file, read our replies or carry on): ${content.link.url}\nThis link works for ${content.link.validDays} days. Anyone with this email can open the conversation, so please don't forward it.`
    : null;
  const text = [
    ...content.paragraphs,
    ...(content.quote ? [`${content.quote.author} wrote:`, content.quote.text.replace(/^/gm, '> ')] : []),
    // each message's lines indented under who said it: a line someone typed cannot pass for one of ours
    ...(content.transcript?.length
      ? [content.transcript.map((l) => `${l.when} — ${l.who}:\n${l.text.replace(/^/gm, '    ')}`).join('\n\n')]
      : []),
    ...(linkLine ? [linkLine] : []),
    `— ${content.brand} Support`,
    ...content.footer,
  ].join('\n\n');

  const p = (inner: string) => `<p style="margin:0 0 14px">${inner}</p>`;
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;background:#ffffff">',
    '<div style="max-width:600px">',
    `<p style="margin:0 0 16px;font-size:18px;font-weight:bold">${escapeHtml(content.brand)} Support</p>`,
    ...content.paragraphs.map((para) => p(htmlLines(para))),
    ...(content.quote
      ? [
          p(`<strong>${escapeHtml(content.quote.author)}</strong> wrote:`),
          `<blockquote style="margin:0 0 14px;padding:8px 12px;border-left:3px solid #c8c8c8">${htmlLines(content.quote.text)}</blockquote>`,
        ]
      : []),
    ...(content.transcript?.length
      ? [
          '<table style="border-collapse:collapse;margin:0 0 14px;font-size:14px">',
          ...content.transcript.map(
            (l) =>
              `<tr><td style="padding:4px 8px;vertical-align:top;color:#666;white-space:nowrap">${escapeHtml(l.when)}</td><td style="padding:4px 8px;vertical-align:top;font-weight:bold;white-space:nowrap">${escapeHtml(l.who)}</td><td style="padding:4px 8px;vertical-align:top">${htmlLines(l.text)}</td></tr>`,
          ),
          '</table>',
        ]
      : []),
    ...(content.link
      ? [
          p(
            `<a href="${escapeHtml(content.link.url)}">Open your conversation again</a> to upload a file, read our replies or carry on.<br>This link works for ${content.link.validDays} days. Anyone with this email can open the conversation, so please don't forward it.`,
          ),
        ]
      : []),
    p(`— ${escapeHtml(content.brand)} Support`),
    ...content.footer.map((line) => `<p style="margin:0 0 8px;font-size:13px;color:#666">${htmlLines(line)}</p>`),
    '</div></body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
