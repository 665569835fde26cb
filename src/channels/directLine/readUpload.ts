import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { cleanName, MAX_UPLOAD_BYTES } from '../../attachments/proofUploads';
import { storableStrings } from '../../domain/storableStrings';
import { AppError } from '../../errors';
import type { MemoryBudget } from '../../server/memoryBudget';

export interface UploadedFile {
  name: string;
  data: Buffer;
}

/** The activity part is JSON like a posted activity, held to the same 64 KB. */
const MAX_ACTIVITY_BYTES = 64 * 1024;
const MAX_FILES = 5;
/** The largest body an upload can honestly have: five files, the activity, and the form's own framing. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_FILES * MAX_UPLOAD_BYTES + MAX_ACTIVITY_BYTES + 64 * 1024;
/** An upload that sends nothing for this long is abandoned (Node's own limit is 300 s). */
const UPLOAD_IDLE_MS = 30_000;

/** Who is uploading and the budget their bytes in memory count against. */
export interface UploadSource {
  budget: MemoryBudget;
  key: string;
}

/**
 * Parses a Direct Line upload: one `activity` part and up to five files of at most 10 MB each,
 * all in memory — nothing is stored until the whole body has arrived and been checked.
 *
 * Every way the body can break off settles the promise exactly once: the parser's error
 * (a malformed or truncated form, e.g. busboy's "Unexpected end of form"), an error on a file's
 * own stream (busboy emits it there too, and an unheard stream error ends the process), the
 * request's error, and a client that goes away before the body is complete. The request is
 * then unpiped and drained, and what was read so far is dropped.
 */
export function readUpload(req: IncomingMessage, source?: UploadSource): Promise<{ activity: unknown; files: UploadedFile[] }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let parser: busboy.Busboy;
    let held = 0; // bytes of this body counted against the budget
    const finish = (error: AppError | null, result?: { activity: unknown; files: UploadedFile[] }) => {
      if (settled) return;
      settled = true;
      source?.budget.release(source.key, held);
      held = 0;
      req.setTimeout(0);
      req.off('close', onClose);
      req.off('data', countBytes);
      if (error) {
        req.unpipe(parser);
        parser.removeAllListeners('file').removeAllListeners('field');
        req.resume(); // drain what is still coming, so the 4xx can be written
        reject(error);
      } else resolve(result as { activity: unknown; files: UploadedFile[] });
    };
    const onClose = () => {
      if (!req.complete) finish(new AppError('BAD_REQUEST', 'The upload ended before it was complete.'));
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_REQUEST_BYTES) {
      req.resume();
      return reject(new AppError('TOO_LARGE', `Uploads are limited to ${MAX_FILES} files of 10 MB.`));
    }
    const countBytes = (chunk: Buffer) => {
      if (!source || settled) return;
      if (!source.budget.reserve(source.key, chunk.length))
        return finish(new AppError('RATE_LIMITED', 'Too many uploads are under way; send it again in a moment.'));
      held += chunk.length;
    };
    try {
      parser = busboy({
        headers: req.headers,
        // browsers send a file's name as raw UTF-8 in filename="…"; busboy's default reads it as Latin-1
        defParamCharset: 'utf8',
        limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_FILES + 1, fields: 5, fieldSize: MAX_ACTIVITY_BYTES, parts: MAX_FILES + 6 },
      });
    } catch {
      req.resume();
      return reject(new AppError('BAD_REQUEST', 'Send multipart/form-data with a boundary.'));
    }
    const files: UploadedFile[] = [];
    let activity: unknown = {};
    let failure: AppError | null = null;
    const readActivity = (text: string) => {
      try {
        activity = storableStrings(JSON.parse(text));
      } catch {
        failure ??= new AppError('BAD_JSON', 'The activity part is not valid JSON.');
      }
    };
    parser.on('file', (field, stream, info) => {
      const isActivity = field === 'activity' || info.mimeType === 'application/vnd.microsoft.activity';
      const max = isActivity ? MAX_ACTIVITY_BYTES : MAX_UPLOAD_BYTES;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('error', (error: Error) => finish(new AppError('BAD_REQUEST', `The upload is malformed: ${error.message}.`)));
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          failure ??= new AppError('TOO_LARGE', isActivity ? 'The activity part is limited to 64 KB.' : 'Files are limited to 10 MB.');
          return;
        }
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        failure ??= new AppError('TOO_LARGE', 'Files are limited to 10 MB.');
      });
      stream.on('end', () => {
        if (failure) return;
        if (isActivity) readActivity(Buffer.concat(chunks).toString('utf8'));
        else if (files.length >= MAX_FILES) failure ??= new AppError('TOO_LARGE', `At most ${MAX_FILES} files at once.`);
        else files.push({ name: cleanName(info.filename ?? 'upload'), data: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= new AppError('TOO_LARGE', 'The activity part is limited to 64 KB.');
      else if (name === 'activity') readActivity(value);
    });
    parser.on('filesLimit', () => {
      failure ??= new AppError('TOO_LARGE', `At most ${MAX_FILES} files at once.`);
    });
    parser.on('partsLimit', () => {
      failure ??= new AppError('TOO_LARGE', 'Too many parts in the form.');
    });
    parser.on('error', (error: Error) => finish(new AppError('BAD_REQUEST', `The upload is malformed: ${error.message}.`)));
    parser.on('close', () => finish(failure, { activity, files }));
    req.on('error', () => finish(new AppError('BAD_REQUEST', 'The upload ended before it was complete.')));
    req.on('close', onClose);
    req.on('data', countBytes);
    req.setTimeout(UPLOAD_IDLE_MS, () => {
      finish(new AppError('BAD_REQUEST', 'The upload stalled.'));
      req.destroy();
    });
    req.pipe(parser);
  });
}
