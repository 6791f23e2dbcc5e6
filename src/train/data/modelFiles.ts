// The files of "Open model", read in the worker: a zip is opened here with
// caps checked while inflating (a 1 MB zip that inflates to gigabytes never
// freezes the page or fills its memory), and only the entries the app reads
// (.json and .bin) are inflated at all.
import { MAX_PARAMS } from '../../model/spec';
import { unzipCapped } from '../../data/inflate';

/** The largest weights file a model this app trains can have (float32), with room for its JSON. */
export const MAX_MODEL_ENTRY_BYTES = MAX_PARAMS * 4 + 2 ** 20;
/** All entries of one zip together. */
export const MAX_MODEL_ZIP_BYTES = 2 * MAX_MODEL_ENTRY_BYTES;

const readable = (name: string) => /\.(json|bin)$/i.test(name);

/** The chosen files, each zip opened into the parts the app reads. */
export async function expandModelFiles(files: readonly File[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A zip by its first bytes ("PK\x03\x04"), whatever the file is called.
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
      out.push(...unzipCapped(bytes, file.name, readable, MAX_MODEL_ENTRY_BYTES, MAX_MODEL_ZIP_BYTES));
    } else out.push({ name: file.name, bytes });
  }
  return out;
}
