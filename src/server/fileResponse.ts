import { createReadStream, fstat } from 'node:fs';
import type { Response } from 'restify';
import { isInlineImage, isProofType } from '../attachments/proofContent';
import { AppError } from '../errors';

export interface FileToSend {
  name: string;
  /** the type sniffed from the content when it was stored */
  contentType: string;
}

/**
 * Sends an uploaded file so that a browser cannot be made to run it: the sniffed type,
 * `inline` for images only (a PDF or anything else is downloaded), `nosniff`, and a sandboxing
 * Content-Security-Policy in case it is opened anyway.
 */
function writeFileHead(res: Response, file: FileToSend, size: number): void {
  const known = isProofType(file.contentType);
  res.setHeader('Content-Type', known ? file.contentType : 'application/octet-stream');
  res.setHeader('Content-Length', String(size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const disposition = isInlineImage(file.contentType) ? 'inline' : 'attachment';
  res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.writeHead(200);
}

/** Sends bytes held in the database. */
export function sendFileBytes(res: Response, file: FileToSend, bytes: Buffer): void {
  writeFileHead(res, file, bytes.length);
  res.end(bytes);
}

/**
 * Sends a file from disk; a file that is gone (the retention sweep, a lost disk) rejects with
 * NOT_FOUND before anything is written, and a read that fails half-way ends the response.
 */
export function sendFileFromDisk(res: Response, file: FileToSend, filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(filePath);
    stream.once('error', (error) => {
      if (!res.headersSent) return reject(new AppError('NOT_FOUND', 'The file is no longer kept.'));
      res.destroy(error);
      resolve();
    });
    stream.once('ready', () => {
      const fd = (stream as unknown as { fd: number }).fd;
      fstat(fd, (error, stats) => {
        if (error) {
          stream.destroy();
          return reject(new AppError('NOT_FOUND', 'The file is no longer kept.'));
        }
        writeFileHead(res, file, stats.size);
        stream.pipe(res);
        stream.once('end', () => resolve());
        res.once('close', () => {
          stream.destroy();
          resolve();
        });
      });
    });
  });
}
