import sharp from 'sharp';
import { writeFileDurably } from '../../store/durable-file.js';
import type { StoreInput, StoreOutput } from './protocol.js';

/**
 * Runs in a worker: reads the image's header (size, density) and writes the bytes exactly as
 * delivered, fsynced with their folder, so the master on disk is what the scanner sent. A damaged
 * image is stored all the same: it is what arrived, and the pipeline then flags it unreadable for
 * the operator to rescan, rather than the page vanishing.
 */
export async function storeMaster(input: StoreInput): Promise<StoreOutput> {
  const meta = await sharp(input.data)
    .metadata()
    .catch(() => null);
  const file = writeFileDurably(input.target, input.data);
  return {
    sha256: file.sha256,
    bytes: file.bytes,
    width: meta?.autoOrient?.width ?? meta?.width ?? 0,
    height: meta?.autoOrient?.height ?? meta?.height ?? 0,
    // sharp converts the file's resolution to dots per inch whatever unit the file uses.
    density: meta?.density ? Math.round(meta.density) : null,
  };
}
