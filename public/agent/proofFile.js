import { session } from './session.js';

/** Shown inline; HEIC is an image Chromium cannot draw, so it is offered as a download instead. */
export const drawable = (contentType) => contentType.startsWith('image/') && contentType !== 'image/heic' && contentType !== 'image/heif';

/** A proof file's bytes, fetched with the agent's token (null when the network failed). */
export async function fetchProofFile(file) {
  try {
    return await fetch(`/api/agent/files/${encodeURIComponent(file.id)}`, { headers: { Authorization: `Bearer ${session.token}` } });
  } catch {
    return null;
  }
}

/** Why a proof file could not be shown, from its answer. */
export const fileProblem = (file, response) =>
  response?.status === 404 ? `${file.name} is no longer kept (files are deleted after the retention period).` : 'Could not load the file.';
