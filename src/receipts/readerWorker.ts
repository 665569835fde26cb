import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { OcrEngine } from './ocr';
import { readProof } from './readProof';

/**
 * The reader's worker thread: reads one file at a time, sent by ReaderPool as bytes, and answers
 * with the Reading. OCR, PDF parsing and image decoding all happen here, off the turn path.
 */
const options = (workerData ?? {}) as { enhance?: boolean; nice?: number };
const engine = new OcrEngine();
const enhance = options.enhance ?? true;

// the customers' turns come first: this thread (and the OCR engine's, started from it) runs when the cores are free
try {
  if (options.nice !== undefined) setPriority(0, options.nice);
} catch {
  // a platform without per-thread priorities reads at the process's
}

// libheif-js (heic-decode) reports every HEIC it cannot parse or decode with console.log, which a
// worker thread pipes into the service's stdout, its JSON log; the Reading says it instead
console.log = () => {};

parentPort?.on('message', async (message: { id: number; bytes: Uint8Array }) => {
  const reading = await readProof(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), engine, {
    enhance,
  });
  parentPort?.postMessage({ id: message.id, reading });
});
