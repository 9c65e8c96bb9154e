/**
 * Cuts a byte stream into SIP2 messages at each CR. A LF after the CR (servers that send CR LF)
 * stays at the start of the next frame, where the decoder ignores it; frames holding nothing but
 * blanks and line feeds are dropped here so they never count as a reply.
 */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

const CR = 0x0d;

export interface FramerResult {
  frames: Buffer[];
  /** More than the limit arrived without a CR: the peer is not speaking SIP2. */
  overflow: boolean;
}

export class Framer {
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  push(chunk: Buffer): FramerResult {
    const frames: Buffer[] = [];
    let start = 0;
    for (let cr = chunk.indexOf(CR); cr !== -1; cr = chunk.indexOf(CR, start)) {
      const frame = Buffer.concat([...this.#pending, chunk.subarray(start, cr)]);
      this.#pending = [];
      this.#pendingBytes = 0;
      if (frame.length > this.maxFrameBytes) return { frames, overflow: true };
      if (!isBlank(frame)) frames.push(frame);
      start = cr + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.#pending.push(rest);
      this.#pendingBytes += rest.length;
      if (this.#pendingBytes > this.maxFrameBytes) {
        this.#pending = [];
        this.#pendingBytes = 0;
        return { frames, overflow: true };
      }
    }
    return { frames, overflow: false };
  }
}

function isBlank(frame: Buffer): boolean {
  for (const b of frame) if (b !== 0x20 && b !== 0x0a) return false;
  return true;
}
