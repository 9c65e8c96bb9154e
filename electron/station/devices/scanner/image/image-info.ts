export interface ImageInfo {
  mimeType: string;
  width: number;
  height: number;
}

/**
 * The format and pixel size of an image, read from its header only (PNG's IHDR, JPEG's SOF
 * marker). Returns undefined for anything else (PDF, TIFF, truncated data): the caller keeps what
 * the scanner said. Scanners label documents loosely, so the bytes decide, not Content-Type.
 */
export function imageInfo(data: Uint8Array): ImageInfo | undefined {
  return pngInfo(data) ?? jpegInfo(data);
}

function pngInfo(d: Uint8Array): ImageInfo | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (d.length < 24 || sig.some((b, i) => d[i] !== b)) return undefined;
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  if (String.fromCharCode(d[12]!, d[13]!, d[14]!, d[15]!) !== 'IHDR') return undefined;
  return { mimeType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic
// conditioning) share the range but are not frames.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(d: Uint8Array): ImageInfo | undefined {
  if (d.length < 4 || d[0] !== 0xff || d[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= d.length) {
    if (d[i] !== 0xff) return undefined;
    const marker = d[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    const length = (d[i + 2]! << 8) | d[i + 3]!;
    if (SOF.has(marker)) {
      if (i + 9 > d.length) return undefined;
      const height = (d[i + 5]! << 8) | d[i + 6]!;
      const width = (d[i + 7]! << 8) | d[i + 8]!;
      return { mimeType: 'image/jpeg', width, height };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    i += 2 + length;
  }
  return undefined;
}
