// What a dataset reference would fetch from the network, said in words, so a
// link can show it and wait for the reader to agree (opening a link must not
// reach the network by itself). Pure; no window access.
import { MAX_CSV_BYTES } from '../data/csv/types';
import { ONLINE_SPRITES } from '../data/sprite';
import type { DatasetRef } from './datasets';

export interface NetworkNeed {
  /** What would be loaded, e.g. "Full MNIST (65,000 digits)". */
  what: string;
  /** The address it comes from. */
  from: string;
  /** Its size when known beforehand, in words. */
  size: string;
  /** Files whose cached copy makes the download unnecessary (empty: always fetched). */
  cacheable: string[];
}

const host = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Null for data that is bundled, generated or local; otherwise what opening it downloads. */
export function networkNeed(ref: DatasetRef): NetworkNeed | null {
  switch (ref.kind) {
    case 'mnist':
    case 'fashion-mnist': {
      const files = ONLINE_SPRITES[ref.kind];
      return {
        what: ref.kind === 'mnist' ? 'Full MNIST (65,000 digits)' : 'Full Fashion-MNIST (65,000 images)',
        from: `${host(files.images)} (${files.images.slice(0, files.images.lastIndexOf('/') + 1)})`,
        size: 'about 11 MB (a 10 MB image of all digits and 650 KB of labels), kept in the browser afterwards',
        cacheable: [files.images, files.labels],
      };
    }
    case 'csv':
      if (ref.source.type !== 'url') return null;
      return {
        what: 'A CSV file',
        from: ref.source.url,
        size: `unknown until it is read (the app stops at ${MAX_CSV_BYTES / 2 ** 20} MiB)`,
        cacheable: [],
      };
    default:
      return null;
  }
}
