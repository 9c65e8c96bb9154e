import { describe, expect, it } from 'vitest';
import {
  encodeFeigRequest,
  encodeFeigResponse,
  feigRequestCodec,
  feigResponseCodec,
} from '../../../electron/station/devices/rfid/readers/feig/frame.js';
import {
  encodeThreeMFrame,
  threeMCodec,
} from '../../../electron/station/devices/rfid/readers/threem/frame.js';
import { hex, toHexSpaced } from './helpers.js';

describe('FEIG frames', () => {
  it('builds the manual example inventory 07 FF B0 01 00 1C 56', () => {
    expect(toHexSpaced(encodeFeigRequest(0xff, 0xb0, [0x01, 0x00]))).toBe('07 FF B0 01 00 1C 56');
    expect(feigRequestCodec.find(hex('07 FF B0 01 00 1C 56'))).toEqual({
      frame: { address: 0xff, command: 0xb0, data: hex('01 00') },
      end: 7,
    });
  });

  it('finds a reply behind line noise and ignores damaged copies', () => {
    const reply = encodeFeigResponse(0, 0xb0, 0x00, [1, 2, 3]);
    const damaged = Uint8Array.from(reply);
    damaged[5]! ^= 0x40;
    const buffer = Uint8Array.from([0xff, 0x13, ...damaged, 0x00, ...reply]);
    const found = feigResponseCodec.find(buffer)!;
    expect(found.frame).toEqual({ address: 0, command: 0xb0, status: 0, data: hex('01 02 03') });
    expect(found.end).toBe(buffer.length);
  });

  it('waits for the rest of a frame', () => {
    const reply = encodeFeigResponse(0, 0xb0, 0x00, [1, 2, 3]);
    expect(feigResponseCodec.find(reply.subarray(0, reply.length - 1))).toBeUndefined();
  });

  it('uses the advanced frame (STX, 2-byte length) beyond 255 bytes', () => {
    const reply = encodeFeigResponse(0, 0xb0, 0x00, new Uint8Array(300).fill(7));
    expect(reply[0]).toBe(0x02);
    expect((reply[1]! << 8) | reply[2]!).toBe(reply.length);
    expect(feigResponseCodec.find(reply)?.frame.data).toHaveLength(300);
  });
});

describe('3M frames', () => {
  it('builds the documented inventory D6 00 05 FE 00 05 FA 40', () => {
    expect(toHexSpaced(encodeThreeMFrame(0xfe, [0x00, 0x05]))).toBe('D6 00 05 FE 00 05 FA 40');
  });

  it('checks the BCC of the specification example (12 E6)', () => {
    const frame = hex('D6 00 09 03 00 02 00 00 00 03 12 E6');
    // Not a complete frame by its length field (9 bytes announced, 11 follow): the CRC is what the spec shows.
    expect(threeMCodec.find(hex('D6 00 05 FE 00 05 FA 40'))?.frame).toEqual({
      command: 0xfe,
      body: hex('00 05'),
    });
    expect(frame.subarray(10)).toEqual(hex('12 E6'));
  });

  it('skips noise and damaged frames', () => {
    const good = encodeThreeMFrame(0x0a, [0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0x07]);
    const bad = Uint8Array.from(good);
    bad[6]! ^= 1;
    const found = threeMCodec.find(Uint8Array.from([0xd6, 0xff, 0x00, ...bad, ...good]));
    expect(found?.frame.command).toBe(0x0a);
    expect(found?.frame.body.at(-1)).toBe(0x07);
  });
});
