import 'server-only';
import type { Metadata } from 'next';
import type { Messages } from '@/i18n';
import { getI18n } from '@/server/i18n';

/** A page's `generateMetadata`: its title from the catalogue, in the reader's language. */
export function pageTitle(key: keyof Messages['titles']): () => Promise<Metadata> {
  return async () => ({ title: (await getI18n()).messages.titles[key] });
}
