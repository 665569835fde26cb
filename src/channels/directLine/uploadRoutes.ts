import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { checkProofContent } from '../../attachments/proofContent';
import { fail, route, sendJson } from '../../server/http';
import { MemoryBudget } from '../../server/memoryBudget';
import type { DirectLineStore } from '../../storage/directLineStore';
import type { DirectLineDeps, DirectLineLimiters } from './directLineDeps';
import { FileLinks } from './fileLinks';
import { readIncomingActivity } from './incomingActivity';
import { readUpload, type UploadedFile } from './readUpload';
import { authorize, limit } from './requestChecks';

/** Upload bytes held in memory at once, overall and per client address (see MemoryBudget). */
export const UPLOAD_BYTES_IN_MEMORY = 200 * 1024 * 1024;
export const UPLOAD_BYTES_IN_MEMORY_PER_ADDRESS = 60 * 1024 * 1024;

/** `POST …/upload`: a message with files (multipart), as Web Chat's paperclip sends it. */
export function registerUploadRoutes(server: Server, deps: DirectLineDeps, limiters: DirectLineLimiters): void {
  const { store, tokens, links, logger } = deps;
  const uploadBudget = new MemoryBudget(UPLOAD_BYTES_IN_MEMORY, UPLOAD_BYTES_IN_MEMORY_PER_ADDRESS);

  server.post(
    '/v3/directline/conversations/:id/upload',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(limiters.posts, claims.conversationId, res);
      const { activity, files } = await readUpload(req, { budget: uploadBudget, key: deps.addressOf(req) });
      if (!activity || typeof activity !== 'object' || Array.isArray(activity))
        fail('BAD_REQUEST', 'The activity part must be a JSON object.');
      // nothing is stored for a request that is refused, nor for a resend of one already stored
      const checkedActivity = readIncomingActivity({ ...(activity as object), type: 'message' });
      const resent = await store.idOfClientActivity(claims.conversationId, clientActivityIdOf(checkedActivity));
      if (resent) return sendJson(res, 200, { id: resent });
      const attachments = await keepCheckedFiles(store, links, claims.conversationId, files);
      const id = await deps.turns.receive(claims, checkedActivity, attachments);
      sendJson(res, 200, { id });
    }),
  );
}

/**
 * Each file is checked by content before anything is kept; a refused one is not stored, but the
 * message still reaches the bot, which tells the customer why it cannot use it.
 */
async function keepCheckedFiles(
  store: DirectLineStore,
  links: FileLinks,
  conversationId: string,
  files: UploadedFile[],
): Promise<NonNullable<Activity['attachments']>> {
  const attachments = [];
  for (const file of files) {
    const checked = await checkProofContent(file.data);
    if (checked.ok) {
      const fileId = await store.saveFile(conversationId, file.name, checked.contentType, file.data);
      attachments.push({ contentType: checked.contentType, name: file.name, contentUrl: links.reference(fileId) });
    } else {
      attachments.push({ contentType: 'application/octet-stream', name: file.name, contentUrl: FileLinks.refusal(checked.problem) });
    }
  }
  return attachments;
}

const clientActivityIdOf = (activity: Partial<Activity>): string | undefined =>
  (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;
