import { crc16Mcrf4xx } from '../../crc16.js';
import type { FrameCodec } from '../../transport/frame-link.js';

/**
 * FEIG OBID standard protocol framing:
 *   host → reader   [LEN][COM-ADR][CMD][data...][CRC lo][CRC hi]          LEN counts every byte
 *   reader → host   [LEN][COM-ADR][CMD][STATUS][data...][CRC lo][CRC hi]
 *   advanced        [0x02][LEN hi][LEN lo][COM-ADR][CMD][STATUS][data...][CRC lo][CRC hi] (> 255 bytes)
 * CRC-16/MCRF4XX over everything before it; over a whole valid frame it leaves 0.
 */
export interface FeigResponse {
  address: number;
  command: number;
  status: number;
  data: Uint8Array;
}

export const ANY_ADDRESS = 0xff;

export function encodeFeigRequest(
  address: number,
  command: number,
  data: Uint8Array | number[] = [],
): Uint8Array {
  const length = 5 + data.length;
  if (length > 255) throw new RangeError('a FEIG request longer than 255 bytes');
  const frame = new Uint8Array(length);
  frame[0] = length;
  frame[1] = address;
  frame[2] = command;
  frame.set(data, 3);
  const crc = crc16Mcrf4xx(frame, 0, length - 2);
  frame[length - 2] = crc & 0xff;
  frame[length - 1] = crc >>> 8;
  return frame;
}

/** Builds a reply frame (what a reader, or our simulator, sends); advanced framing when it must. */
export function encodeFeigResponse(
  address: number,
  command: number,
  status: number,
  data: Uint8Array | number[] = [],
): Uint8Array {
  const standard = 6 + data.length;
  const advanced = standard > 255;
  const length = advanced ? standard + 2 : standard;
  const frame = new Uint8Array(length);
  let pos = 0;
  if (advanced) {
    frame[pos++] = 0x02;
    frame[pos++] = length >>> 8;
    frame[pos++] = length & 0xff;
  } else {
    frame[pos++] = length;
  }
  frame[pos++] = address;
  frame[pos++] = command;
  frame[pos++] = status;
  frame.set(data, pos);
  const crc = crc16Mcrf4xx(frame, 0, length - 2);
  frame[length - 2] = crc & 0xff;
  frame[length - 1] = crc >>> 8;
  return frame;
}

/** Frame length announced at `at`, or undefined when the bytes there cannot start a frame. */
function announcedLength(buffer: Uint8Array, at: number, minLength: number): number | undefined | 'more' {
  const first = buffer[at]!;
  if (first === 0x02) {
    if (at + 3 > buffer.length) return 'more';
    const length = (buffer[at + 1]! << 8) | buffer[at + 2]!;
    return length >= minLength + 2 ? length : undefined;
  }
  return first >= minLength ? first : undefined;
}

/** Reader→host frames. `minLength` 6: LEN, ADR, CMD, STATUS, CRC. */
export const feigResponseCodec: FrameCodec<FeigResponse> = {
  find(buffer) {
    for (let at = 0; at < buffer.length; at++) {
      const length = announcedLength(buffer, at, 6);
      if (length === undefined || length === 'more' || at + length > buffer.length) continue;
      if (crc16Mcrf4xx(buffer, at, at + length) !== 0) continue;
      const head = buffer[at] === 0x02 ? at + 3 : at + 1;
      return {
        frame: {
          address: buffer[head]!,
          command: buffer[head + 1]!,
          status: buffer[head + 2]!,
          data: buffer.slice(head + 3, at + length - 2),
        },
        end: at + length,
      };
    }
    return undefined;
  },
};

export interface FeigRequest {
  address: number;
  command: number;
  data: Uint8Array;
}

/** Host→reader frames (the simulator's side). `minLength` 5: LEN, ADR, CMD, CRC. */
export const feigRequestCodec: FrameCodec<FeigRequest> = {
  find(buffer) {
    for (let at = 0; at < buffer.length; at++) {
      const length = buffer[at]!;
      if (length < 5 || at + length > buffer.length) continue;
      if (crc16Mcrf4xx(buffer, at, at + length) !== 0) continue;
      return {
        frame: {
          address: buffer[at + 1]!,
          command: buffer[at + 2]!,
          data: buffer.slice(at + 3, at + length - 2),
        },
        end: at + length,
      };
    }
    return undefined;
  },
};
