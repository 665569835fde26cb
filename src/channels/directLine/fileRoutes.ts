import type { Server } from 'restify';
import { sendFileBytes } from '../../server/fileResponse';
import { fail, route } from '../../server/http';
import type { DirectLineDeps } from './directLineDeps';

/** `GET /v3/directline/attachments/:fileId`: a customer's file, through a signed link that expires. */
export function registerFileRoutes(server: Server, deps: Pick<DirectLineDeps, 'store' | 'links' | 'logger'>): void {
  const { store, links } = deps;
  server.get(
    '/v3/directline/attachments/:fileId',
    route(deps.logger, async (req, res) => {
      const fileId = String(req.params.fileId);
      if (!links.check(fileId, req.query?.e, req.query?.sig)) fail('NOT_FOUND', 'The link is not valid or has expired.');
      const file = (await store.file(fileId)) ?? fail('NOT_FOUND', 'The file is no longer kept.');
      sendFileBytes(res, file, file.data);
    }),
  );
}
