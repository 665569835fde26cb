import { parentPort, workerData } from 'node:worker_threads';
import { OcrEngine } from './ocr';
import { readProof } from './readProof';

/**
 * The reader's worker thread: reads one file at a time, sent by ReaderPool as bytes, and answers
 * with the Reading. OCR, PDF parsing and image decoding all happen here, off the turn path.
 */
const engine = new OcrEngine();
const enhance = (workerData as { enhance?: boolean } | null)?.enhance ?? true;

// libheif-js (heic-decode) reports every HEIC it cannot parse or decode with console.log, which a
// worker thread pipes into the service's stdout, its JSON log; the Reading says it instead
console.log = () => {};

parentPort?.on('message', async (message: { id: number; bytes: Uint8Array }) => {
  const reading = await readProof(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), engine, {
    enhance,
  });
  parentPort?.postMessage({ id: message.id, reading });
});
