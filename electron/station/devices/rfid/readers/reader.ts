/**
 * What every pad driver offers. UIDs are 16 hex digits, most significant byte first ("E004..."), as
 * both FEIG and 3M put them on the wire; block data is in tag memory order whatever the reader does.
 */
export interface InventoryEntry {
  uid: string;
  /** Data storage format identifier, when the reader reports it (0x06: ISO 28560-2). */
  dsfid?: number;
}

export interface TagSystemInfo {
  uid: string;
  dsfid: number;
  afi: number;
  blockSize: number;
  blockCount: number;
}

export interface RfidReader {
  readonly kind: 'feig' | '3m';
  /** Every tag in the field (a whole stack: anti-collision inventory). */
  inventory(): Promise<InventoryEntry[]>;
  systemInfo(uid: string): Promise<TagSystemInfo>;
  /** Reads `count` blocks from `first`, in tag memory byte order. */
  readBlocks(uid: string, first: number, count: number, blockSize?: number): Promise<Uint8Array>;
  /** Writes whole blocks from `first`; `data` is a multiple of the block size, in memory order. */
  writeBlocks(uid: string, first: number, data: Uint8Array, blockSize?: number): Promise<void>;
  writeAfi(uid: string, afi: number): Promise<void>;
  /** Sets or resets the EAS bit (NXP ICODE custom commands). */
  setEas(uid: string, on: boolean): Promise<void>;
  readEas(uid: string): Promise<boolean>;
  /** Sounds the reader's beeper (and lights its green LED) for about `ms`; absent where the family has none. */
  beep?(ms?: number): Promise<void>;
  /** Called once when the port goes away (unplugged); not called after close(). */
  onDisconnect(listener: (error: Error) => void): () => void;
  /** Bytes exchanged so far, and the serial settings, for wire-time accounting. */
  readonly wire: { bytesIn: number; bytesOut: number; baudRate: number; bitsPerByte: number };
  close(): Promise<void>;
}

/** Upper-case hex of bytes, as UIDs are written. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** Bytes of a hex UID; throws on anything but 16 hex digits. */
export function uidBytes(uid: string): Uint8Array {
  if (!/^[0-9a-fA-F]{16}$/.test(uid)) throw new RangeError(`"${uid}" is not a 16-digit hex UID`);
  return Uint8Array.from({ length: 8 }, (_, i) => Number.parseInt(uid.slice(i * 2, i * 2 + 2), 16));
}
