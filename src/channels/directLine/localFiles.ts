import type { DirectLineStore } from '../../storage/directLineStore';
import type { FileLinks } from './fileLinks';

/**
 * Reads a file the customer uploaded here from its Direct Line link, so the bot does not download
 * its own files over HTTP: its bytes, the reason a link was refused, or null for any other URL.
 */
export function localFileSource(links: FileLinks, store: DirectLineStore) {
  return async (url: string) => {
    const local = links.resolve(url);
    if (!local) return null;
    return 'refused' in local ? local.refused : ((await store.file(local.fileId))?.data ?? 'download_failed');
  };
}
