import {
  encodeIso28560_2,
  type Iso28560_2EncodeOptions,
  type Iso28560_2Fields,
} from '../model/iso28560-2.js';
import { encodeIso28560_3, type Iso28560_3Fields } from '../model/iso28560-3.js';
import { encode3m } from '../model/legacy-3m.js';
import { TypeOfUsage } from '../model/types.js';
import { uidBytes } from '../readers/reader.js';

/**
 * Virtual ISO 15693 tags in a reader's field, for the simulators and tests: memory in tag order,
 * AFI, DSFID, the NXP EAS bit, locked blocks. Both simulators serve the same field model, so a test
 * can move a stack from one reader kind to the other.
 */
export interface VirtualTag {
  /** 16 hex digits, E0 first. */
  uid: string;
  dsfid: number;
  afi: number;
  eas: boolean;
  /** NXP ICODE tags (manufacturer 0x04) answer the EAS custom commands; others do not. */
  readonly nxp: boolean;
  blockSize: number;
  memory: Uint8Array;
  lockedBlocks: Set<number>;
  /**
   * The AFI is locked (ISO 15693 Lock AFI): writing it fails with "locked" (0x12). Libraries never
   * lock it; tests and demos use it as a tag whose security cannot be switched.
   */
  afiLocked: boolean;
}

export interface VirtualTagInit {
  uid?: string;
  dsfid?: number;
  afi?: number;
  eas?: boolean;
  /** Memory content from block 0; the rest of the memory is zero. */
  data?: Uint8Array;
  /** Default 28 (ICODE SLIX user memory). */
  blockCount?: number;
  lockedBlocks?: number[];
  afiLocked?: boolean;
}

let serial = 1;

/** A fresh NXP ICODE SLIX-style UID (E0 04 01 ...), unique within the process. */
export function nextUid(): string {
  return `E00401${(0x5000000000 + serial++).toString(16).toUpperCase().padStart(10, '0')}`;
}

export function virtualTag(init: VirtualTagInit = {}): VirtualTag {
  const uid = (init.uid ?? nextUid()).toUpperCase();
  uidBytes(uid);
  const blockCount = init.blockCount ?? 28;
  const memory = new Uint8Array(blockCount * 4);
  if (init.data) {
    if (init.data.length > memory.length)
      throw new RangeError(`${init.data.length} bytes do not fit ${blockCount} blocks`);
    memory.set(init.data);
  }
  return {
    uid,
    dsfid: init.dsfid ?? 0,
    afi: init.afi ?? 0x07,
    eas: init.eas ?? true,
    nxp: uid.slice(2, 4) === '04',
    blockSize: 4,
    memory,
    lockedBlocks: new Set(init.lockedBlocks ?? []),
    afiLocked: init.afiLocked ?? false,
  };
}

/** An item tag with ISO 28560-2 content (DSFID 0x06), secured (AFI 0x07, EAS on) unless told. */
export function iso28560_2Tag(
  fields: Iso28560_2Fields,
  init: Omit<VirtualTagInit, 'data'> = {},
  options?: Iso28560_2EncodeOptions,
): VirtualTag {
  return virtualTag({ dsfid: 0x06, ...init, data: encodeIso28560_2(fields, options) });
}

/** An item tag with ISO 28560-3 content. */
export function iso28560_3Tag(fields: Iso28560_3Fields, init: Omit<VirtualTagInit, 'data'> = {}): VirtualTag {
  return virtualTag({ ...init, data: encodeIso28560_3(fields) });
}

/** A patron card (type of usage 8) in ISO 28560-3 or -2; not an item, so no security. */
export function patronCard(
  patronId: string,
  model: 'iso28560-2' | 'iso28560-3' = 'iso28560-3',
  init: Omit<VirtualTagInit, 'data'> = {},
): VirtualTag {
  const base = { afi: 0x00, eas: false, ...init };
  return model === 'iso28560-2'
    ? iso28560_2Tag({ primaryItemId: patronId, typeOfUsage: TypeOfUsage.patronCard }, base)
    : iso28560_3Tag({ primaryItemId: patronId, typeOfUsage: TypeOfUsage.patronCard }, base);
}

/** A tag in the 3M layout (AFI 0xD7 = secured in 3M installations). */
export function threeMTag(
  fields: Parameters<typeof encode3m>[0],
  init: Omit<VirtualTagInit, 'data'> = {},
): VirtualTag {
  return virtualTag({ afi: 0xd7, ...init, data: encode3m(fields) });
}

/** The tags on a pad, in the order they were placed. */
export class VirtualField {
  private readonly tags = new Map<string, VirtualTag>();

  constructor(tags: VirtualTag[] = []) {
    for (const tag of tags) this.place(tag);
  }

  place(...tags: VirtualTag[]): void {
    for (const tag of tags) this.tags.set(tag.uid, tag);
  }

  remove(...uids: string[]): void {
    for (const uid of uids) this.tags.delete(uid.toUpperCase());
  }

  clear(): void {
    this.tags.clear();
  }

  get(uid: string): VirtualTag | undefined {
    return this.tags.get(uid.toUpperCase());
  }

  list(): VirtualTag[] {
    return [...this.tags.values()];
  }
}
