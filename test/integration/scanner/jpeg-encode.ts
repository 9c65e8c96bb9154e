/**
 * A baseline JPEG encoder (ITU T.81: sequential DCT, Huffman coding with the Annex K example
 * tables, 4:4:4), so the test eSCL server can deliver what most real scanners deliver without an
 * image library. Grayscale or RGB input, 8 bits per sample.
 */

const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

const DC_LUMA_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CHROMA_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_LUMA_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_LUMA_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
  0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
  0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37,
  0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
  0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
  0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
  0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
  0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];
const AC_CHROMA_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_CHROMA_VALUES = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
  0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
  0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36,
  0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
  0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
  0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,
  0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
  0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
  0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

/** ZIGZAG[i] is the row-major index of the i-th coefficient in zig-zag order. */
const ZIGZAG: number[] = (() => {
  const order: number[] = [];
  for (let s = 0; s <= 14; s++) {
    const lo = Math.max(0, s - 7);
    const hi = Math.min(s, 7);
    if (s % 2 === 0) for (let row = hi; row >= lo; row--) order.push(row * 8 + (s - row));
    else for (let row = lo; row <= hi; row++) order.push(row * 8 + (s - row));
  }
  return order;
})();

interface HuffTable {
  bits: number[];
  values: number[];
  codes: Map<number, { code: number; length: number }>;
}

function huffTable(bits: number[], values: number[]): HuffTable {
  if (bits.reduce((a, b) => a + b, 0) !== values.length) throw new Error('Huffman table does not add up');
  const codes = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]!; i++) codes.set(values[k++]!, { code: code++, length });
    code <<= 1;
  }
  return { bits, values, codes };
}

const DC_LUMA = huffTable(DC_LUMA_BITS, DC_VALUES);
const DC_CHROMA = huffTable(DC_CHROMA_BITS, DC_VALUES);
const AC_LUMA = huffTable(AC_LUMA_BITS, AC_LUMA_VALUES);
const AC_CHROMA = huffTable(AC_CHROMA_BITS, AC_CHROMA_VALUES);

function scaledTable(base: number[], quality: number): number[] {
  const q = Math.min(Math.max(quality, 1), 100);
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return base.map((v) => Math.min(Math.max(Math.floor((v * scale + 50) / 100), 1), 255));
}

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private count = 0;

  write(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((code >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.count = 0;
  }

  finish(): Buffer {
    if (this.count > 0) this.write(0x7f, 8 - this.count); // pad with 1-bits
    return Buffer.from(this.bytes);
  }
}

const COS: number[][] = Array.from({ length: 8 }, (_, x) =>
  Array.from({ length: 8 }, (_, u) => Math.cos(((2 * x + 1) * u * Math.PI) / 16)),
);
const C = (u: number) => (u === 0 ? Math.SQRT1_2 : 1);

/** Forward DCT of one level-shifted 8×8 block, quantised, in zig-zag order. */
function transform(block: Float64Array, quant: number[]): Int32Array {
  const tmp = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[x]![u]!;
      tmp[y * 8 + u] = s;
    }
  }
  const out = new Int32Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += tmp[y * 8 + u]! * COS[y]![v]!;
      const coefficient = 0.25 * C(u) * C(v) * s;
      out[v * 8 + u] = Math.round(coefficient / quant[v * 8 + u]!);
    }
  }
  const zz = new Int32Array(64);
  for (let i = 0; i < 64; i++) zz[i] = out[ZIGZAG[i]!]!;
  return zz;
}

function category(v: number): number {
  let a = Math.abs(v);
  let n = 0;
  while (a > 0) {
    a >>= 1;
    n++;
  }
  return n;
}

function emitValue(w: BitWriter, v: number, size: number): void {
  if (size === 0) return;
  w.write(v >= 0 ? v : v + (1 << size) - 1, size);
}

function encodeBlock(w: BitWriter, zz: Int32Array, previousDc: number, dc: HuffTable, ac: HuffTable): number {
  const diff = zz[0]! - previousDc;
  const size = category(diff);
  const dcCode = dc.codes.get(size)!;
  w.write(dcCode.code, dcCode.length);
  emitValue(w, diff, size);
  let run = 0;
  for (let i = 1; i < 64; i++) {
    const v = zz[i]!;
    if (v === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      const zrl = ac.codes.get(0xf0)!;
      w.write(zrl.code, zrl.length);
      run -= 16;
    }
    const s = category(v);
    const code = ac.codes.get((run << 4) | s)!;
    w.write(code.code, code.length);
    emitValue(w, v, s);
    run = 0;
  }
  if (run > 0) {
    const eob = ac.codes.get(0x00)!;
    w.write(eob.code, eob.length);
  }
  return zz[0]!;
}

function segment(marker: number, body: number[] | Buffer): Buffer {
  const b = Buffer.from(body);
  const head = Buffer.from([0xff, marker, ((b.length + 2) >> 8) & 0xff, (b.length + 2) & 0xff]);
  return Buffer.concat([head, b]);
}

function dht(cls: 0 | 1, id: number, t: HuffTable): number[] {
  return [(cls << 4) | id, ...t.bits, ...t.values];
}

export function encodeJpeg(
  image: { width: number; height: number; channels: 1 | 3; data: Uint8Array },
  options: { quality?: number; dpi?: number } = {},
): Buffer {
  const { width, height, channels, data } = image;
  const quality = options.quality ?? 85;
  const lumaQ = scaledTable(LUMA_Q, quality);
  const chromaQ = scaledTable(CHROMA_Q, quality);
  const dpi = options.dpi ?? 72;

  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  // JFIF APP0 with the resolution in dots per inch.
  parts.push(
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0, 0]),
  );
  parts.push(segment(0xdb, [0x00, ...ZIGZAG.map((i) => lumaQ[i]!)]));
  if (channels === 3) parts.push(segment(0xdb, [0x01, ...ZIGZAG.map((i) => chromaQ[i]!)]));
  const components = channels === 3 ? [1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1] : [1, 0x11, 0];
  parts.push(
    segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, channels, ...components]),
  );
  parts.push(segment(0xc4, [...dht(0, 0, DC_LUMA), ...dht(1, 0, AC_LUMA)]));
  if (channels === 3) parts.push(segment(0xc4, [...dht(0, 1, DC_CHROMA), ...dht(1, 1, AC_CHROMA)]));
  const scanComponents = channels === 3 ? [1, 0x00, 2, 0x11, 3, 0x11] : [1, 0x00];
  parts.push(segment(0xda, [channels, ...scanComponents, 0, 63, 0]));

  const w = new BitWriter();
  const previous = [0, 0, 0];
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        // Edge blocks repeat the last row and column, which keeps the DCT free of ringing.
        const sy = Math.min(by + y, height - 1);
        for (let x = 0; x < 8; x++) {
          const sx = Math.min(bx + x, width - 1);
          const p = (sy * width + sx) * channels;
          if (channels === 1) {
            blocks[0]![y * 8 + x] = data[p]! - 128;
          } else {
            const r = data[p]!;
            const g = data[p + 1]!;
            const b = data[p + 2]!;
            blocks[0]![y * 8 + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
            blocks[1]![y * 8 + x] = -0.168736 * r - 0.331264 * g + 0.5 * b;
            blocks[2]![y * 8 + x] = 0.5 * r - 0.418688 * g - 0.081312 * b;
          }
        }
      }
      for (let c = 0; c < channels; c++) {
        const zz = transform(blocks[c]!, c === 0 ? lumaQ : chromaQ);
        previous[c] = encodeBlock(
          w,
          zz,
          previous[c]!,
          c === 0 ? DC_LUMA : DC_CHROMA,
          c === 0 ? AC_LUMA : AC_CHROMA,
        );
      }
    }
  }
  parts.push(w.finish(), Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}
