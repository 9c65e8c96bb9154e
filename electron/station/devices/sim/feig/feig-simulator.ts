import {
  ANY_ADDRESS,
  encodeFeigResponse,
  type FeigRequest,
  feigRequestCodec,
} from '../../rfid/readers/feig/frame.js';
import { FeigStatus } from '../../rfid/readers/feig/status.js';
import { toHex } from '../../rfid/readers/reader.js';
import { SerialDevice, type SerialDeviceOptions } from '../../rfid/sim-kit/serial-device.js';
import { VirtualField, type VirtualTag } from '../../rfid/sim-kit/virtual-field.js';

export interface FeigSimulatorOptions extends SerialDeviceOptions {
  field?: VirtualField;
  /** The reader's bus address (it also answers 0xFF). Default 0x00. */
  address?: number;
  /** Data sets per inventory answer before it says "more data" (0x94). Default 10. */
  tagsPerFrame?: number;
}

const ISO = 0xb0;
const CUSTOM = 0xb1;
const SOFTWARE_VERSION = 0x65;
const SET_OUTPUT = 0x71;
const MAX_BLOCK_BYTES = 128;

/**
 * A FEIG ID CPR/ISC reader in ISO host mode, speaking the standard protocol over a stream: inventory
 * with the "more data" continuation, get system information, read/write multiple blocks, write AFI,
 * and NXP EAS set/reset/alarm through [0xB1]. Its field holds virtual tags the test places and removes.
 */
export class FeigSimulator extends SerialDevice<FeigRequest> {
  readonly field: VirtualField;
  private readonly address: number;
  private readonly tagsPerFrame: number;
  /** [0x71] Set Output requests that switched the beeper on, with their duration in ms. */
  readonly beeps: number[] = [];
  /** Data sets of the last inventory not yet sent (fetched with MODE bit 7, "more"). */
  private pending: VirtualTag[] = [];

  constructor(options: FeigSimulatorOptions = {}) {
    super(feigRequestCodec, { bitsPerByte: 11, charTimeoutMs: 12, ...options });
    this.field = options.field ?? new VirtualField();
    this.address = options.address ?? 0x00;
    this.tagsPerFrame = options.tagsPerFrame ?? 10;
  }

  protected commandOf(request: FeigRequest): number {
    return request.command === ISO || request.command === CUSTOM
      ? (request.command << 8) | (request.data[0] ?? 0)
      : request.command;
  }

  protected handle(request: FeigRequest): Uint8Array | undefined {
    if (request.address !== ANY_ADDRESS && request.address !== this.address) return undefined;
    const reply = (status: number, data: number[] | Uint8Array = []) =>
      encodeFeigResponse(this.address, request.command, status, data);
    const { data } = request;
    switch (request.command) {
      case SOFTWARE_VERSION:
        return reply(FeigStatus.ok, [0x02, 0x05, 0x00, 0x80, 0x31, 0x00, 0x08]);
      case SET_OUTPUT: {
        if (data.length !== 8) return reply(FeigStatus.lengthError);
        const beeper = (data[1]! >> 4) & 0b11;
        const time = (data[4]! << 8) | data[5]!;
        if (beeper === 0b01 || beeper === 0b11) this.beeps.push(time * 100);
        return reply(FeigStatus.ok);
      }
      case ISO:
        return this.iso(data, reply);
      case CUSTOM:
        return this.custom(data, reply);
      default:
        return reply(FeigStatus.unknownCommand);
    }
  }

  private iso(
    data: Uint8Array,
    reply: (status: number, data?: number[] | Uint8Array) => Uint8Array,
  ): Uint8Array {
    const sub = data[0];
    if (sub === 0x01) return this.inventory(data[1] ?? 0, reply);
    const mode = data[1];
    if (mode === undefined) return reply(FeigStatus.lengthError);
    // Addressed mode carries the UID; non-addressed works only with a single tag in the field.
    let tag: VirtualTag | undefined;
    let pos = 2;
    if ((mode & 0x07) === 0x01) {
      if (data.length < 10) return reply(FeigStatus.lengthError);
      tag = this.field.get(toHex(data.subarray(2, 10)));
      pos = 10;
    } else {
      const tags = this.field.list();
      tag = tags.length === 1 ? tags[0] : undefined;
    }
    if (!tag) return reply(FeigStatus.noTransponder);
    const args = data.subarray(pos);
    switch (sub) {
      case 0x2b: {
        const uid = Uint8Array.from(Buffer.from(tag.uid, 'hex'));
        const blocks = tag.memory.length / tag.blockSize;
        return reply(FeigStatus.ok, [tag.dsfid, ...uid, tag.afi, tag.blockSize - 1, blocks - 1, 0x01]);
      }
      case 0x23: {
        const [first, count] = [args[0], args[1]];
        if (first === undefined || count === undefined) return reply(FeigStatus.lengthError);
        if (count === 0 || count * tag.blockSize > MAX_BLOCK_BYTES)
          return reply(FeigStatus.parameterRangeError);
        if ((first + count) * tag.blockSize > tag.memory.length)
          return reply(FeigStatus.iso15693Error, [0x10]);
        const out = [count, tag.blockSize];
        for (let b = first; b < first + count; b++) {
          const block = tag.memory.subarray(b * tag.blockSize, (b + 1) * tag.blockSize);
          // Security status, then the block MSB first (reversed from memory order).
          out.push(tag.lockedBlocks.has(b) ? 0x01 : 0x00, ...Uint8Array.from(block).reverse());
        }
        return reply(FeigStatus.ok, out);
      }
      case 0x24: {
        const [first, count, size] = [args[0], args[1], args[2]];
        if (first === undefined || count === undefined || size === undefined)
          return reply(FeigStatus.lengthError);
        if (size !== tag.blockSize || args.length !== 3 + count * size) return reply(FeigStatus.lengthError);
        if ((first + count) * size > tag.memory.length) return reply(FeigStatus.iso15693Error, [0x10, first]);
        for (let b = 0; b < count; b++)
          if (tag.lockedBlocks.has(first + b)) return reply(FeigStatus.iso15693Error, [0x12, first + b]);
        for (let b = 0; b < count; b++) {
          const block = Uint8Array.from(args.subarray(3 + b * size, 3 + (b + 1) * size)).reverse();
          tag.memory.set(block, (first + b) * size);
        }
        return reply(FeigStatus.ok);
      }
      case 0x27: {
        const afi = args[0];
        if (afi === undefined) return reply(FeigStatus.lengthError);
        if (tag.afiLocked) return reply(FeigStatus.iso15693Error, [0x12]);
        tag.afi = afi;
        return reply(FeigStatus.ok);
      }
      default:
        return reply(FeigStatus.unknownCommand);
    }
  }

  private inventory(
    mode: number,
    reply: (status: number, data?: number[] | Uint8Array) => Uint8Array,
  ): Uint8Array {
    // MODE bit 7 asks for the rest of the previous inventory; otherwise the field is inventoried anew.
    if (!(mode & 0x80)) this.pending = this.field.list();
    if (this.pending.length === 0) return reply(FeigStatus.noTransponder);
    const batch = this.pending.slice(0, this.tagsPerFrame);
    this.pending = this.pending.slice(batch.length);
    const out = [batch.length];
    for (const tag of batch) out.push(0x03, tag.dsfid, ...Buffer.from(tag.uid, 'hex'));
    return reply(this.pending.length ? FeigStatus.moreData : FeigStatus.ok, out);
  }

  private custom(
    data: Uint8Array,
    reply: (status: number, data?: number[] | Uint8Array) => Uint8Array,
  ): Uint8Array {
    const [command, manufacturer, mode] = [data[0], data[1], data[2]];
    if (command === undefined || manufacturer === undefined || mode === undefined || data.length < 11)
      return reply(FeigStatus.lengthError);
    const tag = this.field.get(toHex(data.subarray(3, 11)));
    // A custom command reaches only tags of its manufacturer; others (and absent tags) stay silent.
    if (!tag || manufacturer !== 0x04 || !tag.nxp) return reply(FeigStatus.noTransponder);
    switch (command) {
      case 0xa2:
        tag.eas = true;
        return reply(FeigStatus.ok);
      case 0xa3:
        tag.eas = false;
        return reply(FeigStatus.ok);
      case 0xa5:
        // Only a tag with EAS set answers the alarm, with its 32-byte EAS sequence.
        return tag.eas
          ? reply(FeigStatus.ok, new Uint8Array(32).fill(0xa5))
          : reply(FeigStatus.noTransponder);
      default:
        return reply(FeigStatus.iso15693Error, [0x01]);
    }
  }
}
