/** MSB-first bit streams, as every ISO 15962 compaction packs its characters. */
export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  get bitLength(): number {
    return this.bytes.length * 8 + this.used;
  }

  write(value: number, width: number): void {
    for (let bit = width - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >>> bit) & 1);
      if (++this.used === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.used = 0;
      }
    }
  }

  /** Fills the last byte with the leading bits of `pattern` (width bits wide, MSB first). */
  pad(pattern: number, width: number): Uint8Array {
    let bit = width - 1;
    while (this.used !== 0) {
      this.write((pattern >>> bit) & 1, 1);
      bit = bit === 0 ? width - 1 : bit - 1;
    }
    return Uint8Array.from(this.bytes);
  }
}

export class BitReader {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length * 8 - this.position;
  }

  get bitPosition(): number {
    return this.position;
  }

  read(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) {
      const byte = this.bytes[this.position >>> 3]!;
      value = (value << 1) | ((byte >>> (7 - (this.position & 7))) & 1);
      this.position++;
    }
    return value;
  }
}
