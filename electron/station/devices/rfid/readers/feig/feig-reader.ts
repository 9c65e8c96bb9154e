import { RfidError } from '../../errors.js';
import type { ByteTransport } from '../../transport/byte-transport.js';
import type { LinkOptions } from '../../transport/frame-link.js';
import { openSerialTransport } from '../../transport/serial.js';
import type { InventoryEntry, RfidReader, TagSystemInfo } from '../reader.js';
import { toHex, uidBytes } from '../reader.js';
import { SerialReader } from '../serial-reader.js';
import { ANY_ADDRESS, encodeFeigRequest, type FeigResponse, feigResponseCodec } from './frame.js';
import { FeigStatus, feigStatusError } from './status.js';

/**
 * FEIG OBID readers (ID CPR.M02, ID ISC.MR101/MRU102/LRM...) in ISO host mode, standard protocol.
 * Serial default 38400 baud 8E1; at least 5 ms of silence between frames.
 */
export const FEIG_SERIAL = { baudRate: 38400, dataBits: 8, parity: 'even', stopBits: 1 } as const;

const CMD_ISO = 0xb0;
const CMD_CUSTOM = 0xb1;
/** [0x71] Set Output: LEDs and beeper for OS_TIME × 100 ms. */
const CMD_SET_OUTPUT = 0x71;
/** OS bits 5-4 BEEPER_MODE, 3-2 RED_MODE, 1-0 GRN_MODE; 01 = on for OS_TIME. */
const OS_BEEPER_ON = 0b01 << 4;
const OS_GREEN_ON = 0b01;
const ISO_INVENTORY = 0x01;
const ISO_READ_MULTIPLE = 0x23;
const ISO_WRITE_MULTIPLE = 0x24;
const ISO_WRITE_AFI = 0x27;
const ISO_SYSTEM_INFO = 0x2b;
const MODE_ADDRESSED = 0x01;
const INVENTORY_MORE = 0x80;
const TR_TYPE_ISO15693 = 0x03;
/** NXP ICODE custom commands, sent through [0xB1] with the manufacturer code. */
const NXP = 0x04;
const NXP_SET_EAS = 0xa2;
const NXP_RESET_EAS = 0xa3;
const NXP_EAS_ALARM = 0xa5;
/** Read/write multiple blocks move at most 128 data bytes per frame. */
const MAX_BLOCK_BYTES = 128;
/** A reader that keeps answering "more" longer than this is broken, not busy. */
const MAX_INVENTORY_ROUNDS = 64;
/** Inventory answers that carry data sets. */
const INVENTORY_DATA_STATUSES: ReadonlySet<number> = new Set([
  FeigStatus.ok,
  FeigStatus.moreData,
  FeigStatus.rfCommunicationError,
]);

export interface FeigOptions {
  /** Bus address; 0xFF reaches any reader. */
  address?: number;
  link?: Partial<LinkOptions>;
  baudRate?: number;
}

export class FeigReader extends SerialReader<FeigResponse> implements RfidReader {
  readonly kind = 'feig';
  private readonly address: number;

  constructor(transport: ByteTransport, options: FeigOptions = {}) {
    super(transport, feigResponseCodec, FEIG_SERIAL, options.baudRate, {
      timeoutMs: 1000,
      retries: 2,
      interFrameGapMs: 5,
      quietMs: 30,
      ...options.link,
    });
    this.address = options.address ?? ANY_ADDRESS;
  }

  /** Opens a FEIG reader on a serial device (or a pseudo-terminal) with its serial settings. */
  static async open(path: string, options: FeigOptions = {}): Promise<FeigReader> {
    const baudRate = options.baudRate ?? FEIG_SERIAL.baudRate;
    const transport = await openSerialTransport({ ...FEIG_SERIAL, path, baudRate });
    return new FeigReader(transport, { ...options, baudRate });
  }

  private async command(
    command: number,
    data: number[] | Uint8Array,
    retries?: number,
  ): Promise<FeigResponse> {
    const request = encodeFeigRequest(this.address, command, data);
    return this.link.exchange(request, (frame) => frame.command === command, retries);
  }

  /** An ISO host command that must answer OK. */
  private async iso(data: number[], what: string): Promise<FeigResponse> {
    const response = await this.command(CMD_ISO, data);
    if (response.status !== FeigStatus.ok) throw feigStatusError(response.status, response.data, what);
    return response;
  }

  async inventory(): Promise<InventoryEntry[]> {
    // A "more" request is not repeated: the reader has already moved past the data sets of a lost
    // answer. When one fails on the line, the whole inventory starts over instead.
    for (let restart = 0; ; restart++) {
      try {
        return await this.inventoryOnce();
      } catch (err) {
        if (!(err instanceof ContinuationLost)) throw err;
        if (restart >= this.link.retries) throw err.cause;
      }
    }
  }

  private async inventoryOnce(): Promise<InventoryEntry[]> {
    const tags: InventoryEntry[] = [];
    let mode = 0x00;
    for (let round = 0; round < MAX_INVENTORY_ROUNDS; round++) {
      let response: FeigResponse;
      try {
        response = await this.command(
          CMD_ISO,
          [ISO_INVENTORY, mode],
          mode === INVENTORY_MORE ? 0 : undefined,
        );
      } catch (err) {
        if (
          mode === INVENTORY_MORE &&
          err instanceof RfidError &&
          (err.code === 'crc' || err.code === 'timeout')
        )
          throw new ContinuationLost(err);
        throw err;
      }
      if (response.status === FeigStatus.noTransponder) return tags;
      // 0x83: anti-collision could not finish; the tags it did find are still reported.
      if (!INVENTORY_DATA_STATUSES.has(response.status))
        throw feigStatusError(response.status, response.data, 'inventory');
      tags.push(...parseInventory(response.data));
      if (response.status !== FeigStatus.moreData) return dedupe(tags);
      // The reader holds more data sets than one frame carries: ask for the rest of the same inventory.
      mode = INVENTORY_MORE;
    }
    throw new RfidError('protocol', 'the reader kept answering "more data" to the inventory');
  }

  async systemInfo(uid: string): Promise<TagSystemInfo> {
    const { data } = await this.iso(
      [ISO_SYSTEM_INFO, MODE_ADDRESSED, ...uidBytes(uid)],
      `system information of ${uid}`,
    );
    if (data.length < 13)
      throw new RfidError('protocol', `system information of ${uid} is ${data.length} bytes`);
    // MEM-SIZE passes the tag's ISO 15693 values on: block size - 1 (low 5 bits), block count - 1.
    return {
      uid: toHex(data.subarray(1, 9)),
      dsfid: data[0]!,
      afi: data[9]!,
      blockSize: (data[10]! & 0x1f) + 1,
      blockCount: data[11]! + 1,
    };
  }

  async readBlocks(uid: string, first: number, count: number, blockSize = 4): Promise<Uint8Array> {
    const out = new Uint8Array(count * blockSize);
    const perFrame = Math.floor(MAX_BLOCK_BYTES / blockSize);
    for (let done = 0; done < count; ) {
      const n = Math.min(perFrame, count - done);
      const { data } = await this.iso(
        [ISO_READ_MULTIPLE, MODE_ADDRESSED, ...uidBytes(uid), first + done, n],
        `read blocks ${first + done}..${first + done + n - 1} of ${uid}`,
      );
      const blocks = data[0] ?? 0;
      const size = data[1] ?? 0;
      if (blocks !== n || size !== blockSize || data.length !== 2 + n * (1 + size))
        throw new RfidError(
          'protocol',
          `read of ${n} blocks of ${blockSize} bytes answered ${blocks} of ${size}`,
        );
      for (let b = 0; b < n; b++) {
        // Each block arrives MSB first (after its security status byte): reverse it into memory order.
        const block = data.subarray(2 + b * (1 + size) + 1, 2 + (b + 1) * (1 + size));
        out.set(Uint8Array.from(block).reverse(), (done + b) * blockSize);
      }
      done += n;
    }
    return out;
  }

  async writeBlocks(uid: string, first: number, data: Uint8Array, blockSize = 4): Promise<void> {
    if (data.length % blockSize) throw new RangeError('data is not a whole number of blocks');
    const count = data.length / blockSize;
    const perFrame = Math.floor(MAX_BLOCK_BYTES / blockSize);
    for (let done = 0; done < count; ) {
      const n = Math.min(perFrame, count - done);
      const payload: number[] = [
        ISO_WRITE_MULTIPLE,
        MODE_ADDRESSED,
        ...uidBytes(uid),
        first + done,
        n,
        blockSize,
      ];
      for (let b = 0; b < n; b++) {
        const start = (done + b) * blockSize;
        payload.push(...Uint8Array.from(data.subarray(start, start + blockSize)).reverse());
      }
      await this.iso(payload, `write blocks ${first + done}..${first + done + n - 1} of ${uid}`);
      done += n;
    }
  }

  async writeAfi(uid: string, afi: number): Promise<void> {
    await this.iso([ISO_WRITE_AFI, MODE_ADDRESSED, ...uidBytes(uid), afi & 0xff], `write AFI of ${uid}`);
  }

  async setEas(uid: string, on: boolean): Promise<void> {
    const what = `${on ? 'set' : 'reset'} EAS of ${uid}`;
    const response = await this.command(CMD_CUSTOM, [
      on ? NXP_SET_EAS : NXP_RESET_EAS,
      NXP,
      MODE_ADDRESSED,
      ...uidBytes(uid),
    ]);
    if (response.status !== FeigStatus.ok) throw feigStatusError(response.status, response.data, what);
  }

  /**
   * [0x71] Set Output: the beeper and the green LED on for `ms` (in 100 ms steps). Readers without a
   * beeper (ID CPR.M02) ignore that part and still answer OK.
   */
  async beep(ms = 200): Promise<void> {
    const time = Math.min(65534, Math.max(1, Math.round(ms / 100)));
    const os = OS_BEEPER_ON | OS_GREEN_ON;
    // OS, OSF (flash frequencies, unused), OS_TIME, OUT_TIME (the relay: unchanged), MSB first.
    const response = await this.command(CMD_SET_OUTPUT, [0x00, os, 0x00, 0x00, time >> 8, time & 0xff, 0, 0]);
    if (response.status !== FeigStatus.ok)
      throw feigStatusError(response.status, response.data, 'set output');
  }

  /**
   * EAS alarm: a tag with EAS set answers with its EAS sequence; one without EAS stays silent, which the
   * reader reports as "no transponder". Callers that must tell "EAS off" from "tag gone" check the tag
   * is present (security verification reads the AFI first).
   */
  async readEas(uid: string): Promise<boolean> {
    const what = `EAS alarm of ${uid}`;
    const response = await this.command(CMD_CUSTOM, [NXP_EAS_ALARM, NXP, MODE_ADDRESSED, ...uidBytes(uid)]);
    if (response.status === FeigStatus.ok) return true;
    if (response.status === FeigStatus.noTransponder) return false;
    throw feigStatusError(response.status, response.data, what);
  }
}

/** A "more data" answer was lost: the inventory has to start over. */
class ContinuationLost extends Error {
  constructor(override readonly cause: RfidError) {
    super(cause.message);
  }
}

function parseInventory(data: Uint8Array): InventoryEntry[] {
  const count = data[0] ?? 0;
  const tags: InventoryEntry[] = [];
  let pos = 1;
  for (let i = 0; i < count; i++) {
    const trType = data[pos];
    if (trType === undefined || pos + 10 > data.length)
      throw new RfidError('protocol', `inventory announced ${count} tags but carries ${i}`);
    // Other transponder types (ISO 14443, ...) have other layouts; library tags are ISO 15693.
    if (trType !== TR_TYPE_ISO15693)
      throw new RfidError(
        'protocol',
        `inventory holds transponder type 0x${trType.toString(16)}, not ISO 15693`,
      );
    tags.push({ dsfid: data[pos + 1]!, uid: toHex(data.subarray(pos + 2, pos + 10)) });
    pos += 10;
  }
  return tags;
}

function dedupe(tags: InventoryEntry[]): InventoryEntry[] {
  const seen = new Map<string, InventoryEntry>();
  for (const tag of tags) if (!seen.has(tag.uid)) seen.set(tag.uid, tag);
  return [...seen.values()];
}
