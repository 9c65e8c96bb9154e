import { RfidError } from '../../errors.js';
import type { ByteTransport } from '../../transport/byte-transport.js';
import type { LinkOptions } from '../../transport/frame-link.js';
import { openSerialTransport } from '../../transport/serial.js';
import type { InventoryEntry, RfidReader, TagSystemInfo } from '../reader.js';
import { toHex, uidBytes } from '../reader.js';
import { SerialReader } from '../serial-reader.js';
import { ThreeMError, threeMError } from './errors.js';
import { encodeThreeMFrame, type ThreeMFrame, threeMCodec } from './frame.js';

/** 3M RFID reader Model 210 / 810 pad: a USB-serial device at 19200 baud 8N1. */
export const THREEM_SERIAL = { baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1 } as const;

const CMD_INVENTORY = 0xfe;
const CMD_READ_BLOCKS = 0x02;
const CMD_CHECK_EAS = 0x03;
const CMD_WRITE_BLOCKS = 0x04;
const CMD_WRITE_AFI = 0x09;
const CMD_EAS_CONTROL = 0x0c;
const CMD_TAG_INFO = 0x0d;
/** Inventory response options: bit 0 the 8-byte address, bit 1 the DSFID (sent before the address). */
const WITH_ADDRESS = 0x01;
const WITH_DSFID = 0x02;
const INFO_DSFID = 0x01;
const INFO_AFI = 0x02;
const INFO_MEMORY = 0x04;
/** Blocks per read/write frame: well inside any firmware's buffer. */
const BLOCKS_PER_FRAME = 16;

export interface ThreeMOptions {
  link?: Partial<LinkOptions>;
  baudRate?: number;
}

export class ThreeMReader extends SerialReader<ThreeMFrame> implements RfidReader {
  readonly kind = '3m';
  /** Older firmware may refuse the DSFID inventory option; then inventories go without it. */
  private inventoryOptions = WITH_ADDRESS | WITH_DSFID;

  constructor(transport: ByteTransport, options: ThreeMOptions = {}) {
    super(transport, threeMCodec, THREEM_SERIAL, options.baudRate, {
      timeoutMs: 1000,
      retries: 2,
      interFrameGapMs: 0,
      quietMs: 30,
      ...options.link,
    });
  }

  static async open(path: string, options: ThreeMOptions = {}): Promise<ThreeMReader> {
    const baudRate = options.baudRate ?? THREEM_SERIAL.baudRate;
    const transport = await openSerialTransport({ ...THREEM_SERIAL, path, baudRate });
    return new ThreeMReader(transport, { ...options, baudRate });
  }

  /** One exchange; returns the fields after the error byte, or throws the reader's error typed. */
  private async command(
    command: number,
    fields: number[],
    what: string,
    allow: number[] = [],
  ): Promise<{ error: number; body: Uint8Array }> {
    const frame = await this.link.exchange(encodeThreeMFrame(command, fields), (f) => f.command === command);
    const error = frame.body[0];
    if (error === undefined) throw new RfidError('protocol', `${what}: reply without an error byte`);
    if (error !== ThreeMError.none && !allow.includes(error)) throw threeMError(error, what);
    return { error, body: frame.body.subarray(1) };
  }

  /** Checks the echoed address of an addressed command and returns what follows it. */
  private afterAddress(body: Uint8Array, uid: string, what: string): Uint8Array {
    if (body.length < 8 || toHex(body.subarray(0, 8)) !== uid.toUpperCase())
      throw new RfidError('protocol', `${what}: the reply names another tag`);
    return body.subarray(8);
  }

  async inventory(): Promise<InventoryEntry[]> {
    let reply: { body: Uint8Array };
    try {
      reply = await this.command(CMD_INVENTORY, [0x00, this.inventoryOptions], 'inventory');
    } catch (err) {
      if (
        !(err instanceof RfidError) ||
        err.readerStatus !== ThreeMError.optionNotSupported ||
        this.inventoryOptions === WITH_ADDRESS
      )
        throw err;
      this.inventoryOptions = WITH_ADDRESS;
      reply = await this.command(CMD_INVENTORY, [0x00, this.inventoryOptions], 'inventory');
    }
    const { body } = reply;
    // AFI and response options echoed, then the count and per tag [DSFID] address.
    const options = body[1] ?? 0;
    const count = body[2] ?? 0;
    const withDsfid = (options & WITH_DSFID) !== 0;
    const size = withDsfid ? 9 : 8;
    if (body.length < 3 + count * size)
      throw new RfidError('protocol', `inventory announced ${count} tags but is short`);
    const seen = new Map<string, InventoryEntry>();
    for (let i = 0; i < count; i++) {
      const at = 3 + i * size;
      const uid = toHex(body.subarray(at + (withDsfid ? 1 : 0), at + size));
      // The reader may list a tag twice (it missed the quiet command and answered the second poll).
      if (!seen.has(uid)) seen.set(uid, withDsfid ? { uid, dsfid: body[at]! } : { uid });
    }
    return [...seen.values()];
  }

  async systemInfo(uid: string): Promise<TagSystemInfo> {
    const what = `tag info of ${uid}`;
    const { body } = await this.command(
      CMD_TAG_INFO,
      [...uidBytes(uid), INFO_DSFID | INFO_AFI | INFO_MEMORY],
      what,
    );
    const rest = this.afterAddress(body, uid, what);
    const available = rest[0] ?? 0;
    let pos = 1;
    const info: TagSystemInfo = { uid: uid.toUpperCase(), dsfid: 0, afi: 0, blockSize: 4, blockCount: 0 };
    if (available & INFO_DSFID) info.dsfid = rest[pos++] ?? 0;
    if (available & INFO_AFI) info.afi = rest[pos++] ?? 0;
    if (available & INFO_MEMORY) {
      info.blockSize = (rest[pos++] ?? 3) + 1;
      info.blockCount = (rest[pos++] ?? 0) + 1;
    }
    if (pos > rest.length) throw new RfidError('protocol', `${what}: reply shorter than its fields`);
    return info;
  }

  async readBlocks(uid: string, first: number, count: number, blockSize = 4): Promise<Uint8Array> {
    const out = new Uint8Array(count * blockSize);
    for (let done = 0; done < count; ) {
      const n = Math.min(BLOCKS_PER_FRAME, count - done);
      const what = `read blocks ${first + done}..${first + done + n - 1} of ${uid}`;
      const { body } = await this.command(CMD_READ_BLOCKS, [...uidBytes(uid), first + done, n], what);
      const rest = this.afterAddress(body, uid, what);
      // Old-style reply: count, then per block its number, lock/error byte and the data (memory order).
      const stride = 2 + blockSize;
      if (rest[0] !== n || rest.length < 1 + n * stride)
        throw new RfidError('protocol', `${what}: short reply`);
      for (let b = 0; b < n; b++) {
        const at = 1 + b * stride;
        const lock = rest[at + 1]!;
        if (lock > 0x03) throw threeMError(lock, `${what} (block ${rest[at]})`);
        out.set(rest.subarray(at + 2, at + stride), (rest[at]! - first) * blockSize);
      }
      done += n;
    }
    return out;
  }

  async writeBlocks(uid: string, first: number, data: Uint8Array, blockSize = 4): Promise<void> {
    if (data.length % blockSize) throw new RangeError('data is not a whole number of blocks');
    const count = data.length / blockSize;
    for (let done = 0; done < count; ) {
      const n = Math.min(BLOCKS_PER_FRAME, count - done);
      const chunk = data.subarray(done * blockSize, (done + n) * blockSize);
      const what = `write blocks ${first + done}..${first + done + n - 1} of ${uid}`;
      const { body } = await this.command(
        CMD_WRITE_BLOCKS,
        [...uidBytes(uid), first + done, n, 0x00, ...chunk],
        what,
      );
      this.afterAddress(body, uid, what);
      done += n;
    }
  }

  async writeAfi(uid: string, afi: number): Promise<void> {
    const what = `write AFI of ${uid}`;
    const { body } = await this.command(CMD_WRITE_AFI, [...uidBytes(uid), afi & 0xff], what);
    this.afterAddress(body, uid, what);
  }

  async setEas(uid: string, on: boolean): Promise<void> {
    const what = `${on ? 'set' : 'reset'} EAS of ${uid}`;
    const { body } = await this.command(CMD_EAS_CONTROL, [...uidBytes(uid), on ? 1 : 0], what);
    this.afterAddress(body, uid, what);
  }

  /** Check EAS: only tags with EAS set answer, so "no transponder" means EAS off (3M's own reading). */
  async readEas(uid: string): Promise<boolean> {
    const what = `check EAS of ${uid}`;
    const { error, body } = await this.command(CMD_CHECK_EAS, [...uidBytes(uid)], what, [
      ThreeMError.noTransponder,
    ]);
    if (error === ThreeMError.noTransponder) return false;
    return (this.afterAddress(body, uid, what)[0] ?? 0) === 1;
  }
}
