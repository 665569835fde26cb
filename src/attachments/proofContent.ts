import { fromBuffer } from 'file-type';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What we accept as a copy of a receipt, by content (magic bytes), never by name: type → file extension. */
const ALLOWED: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

export type ContentProblem = 'too_big' | 'wrong_type' | 'empty';
export type ContentCheck = { ok: true; contentType: string; extension: string } | { ok: false; problem: ContentProblem; detail?: string };

/**
 * Whether bytes are a proof file we keep: not empty, at most 10 MB, and a JPEG, PNG, PDF or
 * HEIC/HEIF by their magic bytes. Both the bot's proof uploads and our Direct Line's upload
 * endpoint ask this before storing anything.
 *
 * @example await checkProofContent(jpegBytes) // { ok: true, contentType: 'image/jpeg', extension: 'jpg' }
 */
export async function checkProofContent(bytes: Buffer): Promise<ContentCheck> {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: 'too_big' };
  const sniffed = await fromBuffer(bytes);
  const extension = sniffed ? ALLOWED[sniffed.mime] : undefined;
  if (!sniffed || !extension) return { ok: false, problem: 'wrong_type', detail: sniffed?.mime ?? 'unknown' };
  return { ok: true, contentType: sniffed.mime, extension };
}

/** Whether a content type is one we keep (and so may serve with that type). */
export const isProofType = (contentType: string): boolean => Object.hasOwn(ALLOWED, contentType);

/** Whether a stored file may be shown in the browser (the images we keep); anything else is only downloaded. */
export const isInlineImage = (contentType: string): boolean => isProofType(contentType) && contentType.startsWith('image/');
