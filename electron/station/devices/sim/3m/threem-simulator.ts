import { toHex } from '../../rfid/readers/reader.js';
import { ThreeMError } from '../../rfid/readers/threem/errors.js';
import { encodeThreeMFrame, type ThreeMFrame, threeMCodec } from '../../rfid/readers/threem/frame.js';
import { SerialDevice, type SerialDeviceOptions } from '../../rfid/sim-kit/serial-device.js';
import { VirtualField, type VirtualTag } from '../../rfid/sim-kit/virtual-field.js';

export interface ThreeMSimulatorOptions extends SerialDeviceOptions {
  field?: VirtualField;
  /** Firmware that refuses the DSFID inventory option (answers 0x31), as older pads do. */
  legacyInventory?: boolean;
}

const INVENTORY = 0xfe;
const VERSION = 0x11;

/**
 * A 3M RFID reader (Model 210 / 810 pad) over a stream: inventory (Read Block UID), read/write
 * multiblock, get/write AFI, check EAS, EAS control, tag info, reader version. Unknown commands get
 * the documented "command not implemented" reply.
 */
export class ThreeMSimulator extends SerialDevice<ThreeMFrame> {
  readonly field: VirtualField;
  private readonly legacyInventory: boolean;

  constructor(options: ThreeMSimulatorOptions = {}) {
    super(threeMCodec, { bitsPerByte: 10, ...options });
    this.field = options.field ?? new VirtualField();
    this.legacyInventory = options.legacyInventory ?? false;
  }

  protected commandOf(request: ThreeMFrame): number {
    return request.command;
  }

  protected handle(request: ThreeMFrame): Uint8Array {
    const { command, body } = request;
    const reply = (error: number, fields: number[] | Uint8Array = []) =>
      encodeThreeMFrame(command, [error, ...fields]);
    if (command === VERSION) return reply(ThreeMError.none, [0x0a, 0x05, 0x00, 0x02]);
    if (command === INVENTORY) return this.inventory(body, reply);
    if (![0x02, 0x03, 0x04, 0x09, 0x0a, 0x0c, 0x0d].includes(command))
      return reply(ThreeMError.commandNotImplemented);
    if (body.length < 8) return reply(ThreeMError.paramError);
    const address = body.subarray(0, 8);
    const args = body.subarray(8);
    const tag = this.field.get(toHex(address));
    // Addressed replies echo the address, even with an error.
    const answer = (error: number, fields: number[] | Uint8Array = []) =>
      reply(error, [...address, ...fields]);
    if (!tag)
      return command === 0x03 ? answer(ThreeMError.noTransponder, [0]) : answer(ThreeMError.noTransponder);
    switch (command) {
      case 0x02:
        return this.read(tag, args, answer);
      case 0x04:
        return this.write(tag, args, answer);
      case 0x09:
        if (args[0] === undefined) return answer(ThreeMError.paramError);
        if (tag.afiLocked) return answer(ThreeMError.memLocked);
        tag.afi = args[0];
        return answer(ThreeMError.none);
      case 0x0a:
        return answer(ThreeMError.none, [tag.afi]);
      case 0x03:
        // Only tags with EAS set answer the air command: EAS 0 looks like "no transponder".
        return tag.nxp && tag.eas ? answer(ThreeMError.none, [1]) : answer(ThreeMError.noTransponder, [0]);
      case 0x0c:
        if (!tag.nxp) return answer(ThreeMError.notSupported);
        tag.eas = args[0] === 1;
        return answer(ThreeMError.none);
      default: {
        const requested = args[0] ?? 0;
        const fields: number[] = [requested & 0x07];
        if (requested & 0x01) fields.push(tag.dsfid);
        if (requested & 0x02) fields.push(tag.afi);
        if (requested & 0x04) fields.push(tag.blockSize - 1, tag.memory.length / tag.blockSize - 1);
        return answer(ThreeMError.none, fields);
      }
    }
  }

  private inventory(body: Uint8Array, reply: (error: number, fields?: number[]) => Uint8Array): Uint8Array {
    const afi = body[0] ?? 0;
    const options = body[1] ?? 0x01;
    if (this.legacyInventory && options & 0x02) return reply(ThreeMError.optionNotSupported);
    const tags = this.field.list().filter((t) => afi === 0 || t.afi === afi);
    const fields = [afi, options, tags.length];
    for (const tag of tags) {
      if (options & 0x02) fields.push(tag.dsfid);
      fields.push(...Buffer.from(tag.uid, 'hex'));
    }
    return reply(ThreeMError.none, fields);
  }

  private read(
    tag: VirtualTag,
    args: Uint8Array,
    answer: (error: number, fields?: number[]) => Uint8Array,
  ): Uint8Array {
    const [first, count] = [args[0], args[1]];
    if (first === undefined || count === undefined || count === 0) return answer(ThreeMError.paramError);
    if ((first + count) * tag.blockSize > tag.memory.length) return answer(ThreeMError.memNotAvailable);
    const fields = [count];
    for (let b = first; b < first + count; b++) {
      const lock = tag.lockedBlocks.has(b) ? 0x01 : 0x00;
      fields.push(b, lock, ...tag.memory.subarray(b * tag.blockSize, (b + 1) * tag.blockSize));
    }
    return answer(ThreeMError.none, fields);
  }

  private write(
    tag: VirtualTag,
    args: Uint8Array,
    answer: (error: number, fields?: number[]) => Uint8Array,
  ): Uint8Array {
    const [first, count] = [args[0], args[1]];
    if (first === undefined || count === undefined || args.length !== 3 + count * tag.blockSize)
      return answer(ThreeMError.paramError);
    if ((first + count) * tag.blockSize > tag.memory.length)
      return answer(ThreeMError.memNotAvailable, [first]);
    for (let b = first; b < first + count; b++)
      if (tag.lockedBlocks.has(b)) return answer(ThreeMError.memLocked, [b]);
    tag.memory.set(args.subarray(3), first * tag.blockSize);
    return answer(ThreeMError.none, [first + count]);
  }
}
