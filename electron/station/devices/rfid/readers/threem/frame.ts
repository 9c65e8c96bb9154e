import { crc16Genibus } from '../../crc16.js';
import type { FrameCodec } from '../../transport/frame-link.js';

/**
 * 3M RFID reader (Model 210 / 810 pad) framing, both directions:
 *   [0xD6][LEN hi][LEN lo][CMD][fields...][CRC hi][CRC lo]
 * LEN counts the bytes after itself (CRC included); replies carry an error byte right after CMD.
 * CRC-16/GENIBUS over everything but the 0xD6.
 */
export const START = 0xd6;
/** Longest frame we accept; a noise byte announcing more is not a frame start. */
const MAX_LENGTH = 2048;

export interface ThreeMFrame {
  command: number;
  /** Everything between CMD and the CRC (for replies: starts with the error byte). */
  body: Uint8Array;
}

export function encodeThreeMFrame(command: number, body: Uint8Array | number[] = []): Uint8Array {
  const length = 1 + body.length + 2;
  const frame = new Uint8Array(3 + length);
  frame[0] = START;
  frame[1] = length >>> 8;
  frame[2] = length & 0xff;
  frame[3] = command;
  frame.set(body, 4);
  const crc = crc16Genibus(frame, 1, frame.length - 2);
  frame[frame.length - 2] = crc >>> 8;
  frame[frame.length - 1] = crc & 0xff;
  return frame;
}

export const threeMCodec: FrameCodec<ThreeMFrame> = {
  find(buffer) {
    for (let at = buffer.indexOf(START); at !== -1; at = buffer.indexOf(START, at + 1)) {
      if (at + 3 > buffer.length) return undefined;
      const length = (buffer[at + 1]! << 8) | buffer[at + 2]!;
      if (length < 3 || length > MAX_LENGTH) continue;
      const end = at + 3 + length;
      if (end > buffer.length) continue;
      const crc = (buffer[end - 2]! << 8) | buffer[end - 1]!;
      if (crc16Genibus(buffer, at + 1, end - 2) !== crc) continue;
      return { frame: { command: buffer[at + 3]!, body: buffer.slice(at + 4, end - 2) }, end };
    }
    return undefined;
  },
};
