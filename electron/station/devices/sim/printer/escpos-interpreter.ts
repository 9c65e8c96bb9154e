import iconv from 'iconv-lite';
import type { Bitmap } from '../../printer/bitmap.js';
import { decodePage } from '../../printer/code-pages.js';
import type { CodePage, PrinterProfile } from '../../printer/profiles.js';
import { encodeStatus } from '../../printer/status.js';

/** What came out of the simulated print head, in order. */
export type PrintedElement =
  | {
      kind: 'text';
      text: string;
      /** The code page the bytes were decoded with (`cp437` when none was selected). */
      codePage: CodePage | 'cp437' | `unknown-${number}`;
      align: 'left' | 'center' | 'right';
      bold: boolean;
      /** Character magnification of the text (GS !), 1–8. */
      width: number;
      height: number;
      /** Dots of leading spaces (alignment padding), taken off `text`. */
      indentDots: number;
    }
  | { kind: 'feed'; dots: number }
  | { kind: 'raster'; bitmap: Bitmap }
  | { kind: 'cut' };

export interface PrinterCondition {
  paperOut: boolean;
  coverOpen: boolean;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

/** Lengths (parameter bytes after the command letter) of the ESC commands that only set modes. */
const ESC_PARAMS: Record<number, number> = {
  32: 1, // ESC SP n  character spacing
  33: 1, // ESC ! n   print mode
  36: 2, // ESC $ nL nH absolute position
  37: 1, // ESC % n   user-defined characters on/off
  45: 1, // ESC - n   underline
  50: 0, // ESC 2     default line spacing
  51: 1, // ESC 3 n   line spacing
  61: 1, // ESC = n   peripheral select
  64: 0, // ESC @     initialize
  69: 1, // ESC E n   emphasized
  71: 1, // ESC G n   double-strike
  74: 1, // ESC J n   feed n dots
  76: 0, // ESC L     page mode
  77: 1, // ESC M n   font
  82: 1, // ESC R n   international character set
  83: 0, // ESC S     standard mode
  84: 1, // ESC T n   page direction
  85: 1, // ESC U n   unidirectional
  86: 1, // ESC V n   rotate
  92: 2, // ESC \ nL nH relative position
  97: 1, // ESC a n   justification
  100: 1, // ESC d n   feed n lines
  112: 3, // ESC p m t1 t2 drawer pulse
  114: 1, // ESC r n   colour
  116: 1, // ESC t n   code page
  123: 1, // ESC { n   upside down
};

/** GS commands with a fixed number of parameter bytes. */
const GS_PARAMS: Record<number, number> = {
  33: 1, // GS ! n   character size
  66: 1, // GS B n   reverse
  72: 1, // GS H n   HRI position
  73: 1, // GS I n   printer id
  76: 2, // GS L     left margin
  87: 2, // GS W     print area width
  97: 1, // GS a n   automatic status back
  98: 1, // GS b n   smoothing
  102: 1, // GS f n   HRI font
  104: 1, // GS h n   barcode height
  114: 1, // GS r n   transmit status
  119: 1, // GS w n   barcode width
};

/**
 * Reads the ESC/POS byte stream a driver sends, the way a printer would: keeps the print modes,
 * decodes text with the selected code page, takes `GS v 0` raster images, cuts, and answers the
 * real-time status requests (`DLE EOT n`) at once. Commands split across chunks are waited for.
 */
export class EscPosInterpreter {
  readonly elements: PrintedElement[] = [];
  #pending = Buffer.alloc(0);
  /** Characters waiting for LF, each with the modes in force when it arrived, as on a printer. */
  #line: { byte: number; bold: boolean; width: number; height: number }[] = [];
  #page: number | null = null;
  #align: 'left' | 'center' | 'right' = 'left';
  #bold = false;
  #width = 1;
  #height = 1;
  readonly #pages: Map<number, CodePage>;

  constructor(
    readonly profile: PrinterProfile,
    readonly condition: PrinterCondition,
    /** Where answers to status requests go (the connection that asked). */
    private reply: (bytes: Uint8Array) => void = () => undefined,
  ) {
    this.#pages = new Map(Object.entries(profile.codePages).map(([page, n]) => [n, page as CodePage]));
  }

  /** Feeds received bytes; `reply` receives the answers to status requests among them. */
  feed(chunk: Uint8Array, reply?: (bytes: Uint8Array) => void): void {
    if (reply) this.reply = reply;
    this.#pending = Buffer.concat([this.#pending, chunk]);
    let at = 0;
    for (;;) {
      const used = this.#step(this.#pending, at);
      if (used === 0) break;
      at += used;
    }
    this.#pending = this.#pending.subarray(at);
  }

  /** Takes the elements printed so far (up to and including the last cut, or everything). */
  take(): PrintedElement[] {
    return this.elements.splice(0);
  }

  /** Interprets one command or character at `at`; returns bytes used, 0 when more are needed. */
  #step(b: Buffer, at: number): number {
    const left = b.length - at;
    if (left <= 0) return 0;
    const c = b[at]!;
    if (c === LF) {
      this.#printLine();
      return 1;
    }
    if (c === DLE) return this.#dle(b, at, left);
    if (c === ESC) return left < 2 ? 0 : this.#esc(b, at, left);
    if (c === GS) return left < 2 ? 0 : this.#gs(b, at, left);
    if (c === FS) return left < 2 ? 0 : this.#fs(b, at, left);
    if (c === 0x09) {
      for (let i = 0; i < 4; i++) this.#char(0x20);
      return 1;
    }
    // Other control characters (CR among them: LF ends a line on ESC/POS printers) print nothing.
    if (c >= 0x20) this.#char(c);
    return 1;
  }

  #char(byte: number) {
    this.#line.push({ byte, bold: this.#bold, width: this.#width, height: this.#height });
  }

  #dle(b: Buffer, at: number, left: number): number {
    if (left < 2) return 0;
    const cmd = b[at + 1]!;
    if (cmd === 0x04) {
      if (left < 3) return 0;
      this.#answerStatus(b[at + 2]!);
      return 3;
    }
    if (cmd === 0x05) return left < 3 ? 0 : 3; // DLE ENQ n
    if (cmd === 0x14) return left < 5 ? 0 : 5; // DLE DC4 fn a b c
    return 1;
  }

  #answerStatus(n: number) {
    const s = encodeStatus({
      offline: false,
      coverOpen: this.condition.coverOpen,
      paperOut: this.condition.paperOut,
    });
    const byte = n === 1 ? s.printer : n === 2 ? s.offline : n === 3 ? s.error : n === 4 ? s.paper : null;
    if (byte !== null) this.reply(Uint8Array.of(byte));
  }

  #esc(b: Buffer, at: number, left: number): number {
    const cmd = b[at + 1]!;
    if (cmd === 0x2a) {
      // ESC * m nL nH d…: column bit image; 1 byte per column in 8-dot modes, 3 in 24-dot modes.
      if (left < 5) return 0;
      const m = b[at + 2]!;
      const columns = b[at + 3]! + b[at + 4]! * 256;
      const total = 5 + columns * (m === 32 || m === 33 ? 3 : 1);
      return left < total ? 0 : total;
    }
    if (cmd === 0x63) return left < 4 ? 0 : 4; // ESC c x n: panel and sensor settings
    const params = ESC_PARAMS[cmd];
    if (params === undefined) return 2;
    if (left < 2 + params) return 0;
    const n = b[at + 2] ?? 0;
    switch (cmd) {
      case 0x40:
        this.#page = null;
        this.#align = 'left';
        this.#bold = false;
        this.#width = this.#height = 1;
        this.#line = [];
        break;
      case 0x74:
        this.#page = n;
        break;
      case 0x61:
        this.#align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left';
        break;
      case 0x45:
      case 0x47:
        this.#bold = (n & 1) === 1;
        break;
      case 0x21:
        this.#bold = (n & 0x08) !== 0;
        this.#height = n & 0x10 ? 2 : 1;
        this.#width = n & 0x20 ? 2 : 1;
        break;
      case 0x64:
        this.#printLine();
        for (let i = 1; i < n; i++) this.elements.push({ kind: 'feed', dots: this.profile.lineDots });
        break;
      case 0x4a:
        this.#flushText();
        this.elements.push({ kind: 'feed', dots: n });
        break;
    }
    return 2 + params;
  }

  #gs(b: Buffer, at: number, left: number): number {
    const cmd = b[at + 1]!;
    if (cmd === 0x76) return this.#raster(b, at, left);
    if (cmd === 0x56) {
      // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66: feed n, then cut).
      if (left < 3) return 0;
      const m = b[at + 2]!;
      const withFeed = m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104;
      if (withFeed && left < 4) return 0;
      this.#flushText();
      this.elements.push({ kind: 'cut' });
      return withFeed ? 4 : 3;
    }
    if (cmd === 0x28 || cmd === 0x38) {
      // GS ( x pL pH … and GS 8 L p1 p2 p3 p4 …: graphics, 2D codes; length-prefixed, skipped.
      const wide = cmd === 0x38;
      const head = wide ? 7 : 5;
      if (left < head) return 0;
      const len = wide
        ? b[at + 3]! + b[at + 4]! * 256 + b[at + 5]! * 65536 + b[at + 6]! * 16777216
        : b[at + 3]! + b[at + 4]! * 256;
      return left < head + len ? 0 : head + len;
    }
    if (cmd === 0x6b) {
      // GS k m …: a barcode; m < 32 is NUL-terminated, otherwise a length byte follows.
      if (left < 3) return 0;
      const m = b[at + 2]!;
      if (m < 32) {
        const end = b.indexOf(0, at + 3);
        return end < 0 ? 0 : end - at + 1;
      }
      if (left < 4) return 0;
      const total = 4 + b[at + 3]!;
      return left < total ? 0 : total;
    }
    const params = GS_PARAMS[cmd];
    if (params === undefined) return 2;
    if (left < 2 + params) return 0;
    const n = b[at + 2]!;
    if (cmd === 0x21) {
      this.#width = ((n >> 4) & 0x07) + 1;
      this.#height = (n & 0x07) + 1;
    }
    if (cmd === 0x72 && (n === 1 || n === 49)) this.#answerStatus(4);
    return 2 + params;
  }

  #fs(_b: Buffer, _at: number, left: number): number {
    // FS . (cancel Kanji mode) and FS & (Kanji mode) take no parameters.
    return left < 2 ? 0 : 2;
  }

  /** `GS v 0 m xL xH yL yH d…` */
  #raster(b: Buffer, at: number, left: number): number {
    if (left < 8) return 0;
    const bytesPerRow = b[at + 4]! + b[at + 5]! * 256;
    const height = b[at + 6]! + b[at + 7]! * 256;
    const total = 8 + bytesPerRow * height;
    if (left < total) return 0;
    this.#flushText();
    this.elements.push({
      kind: 'raster',
      bitmap: { width: bytesPerRow * 8, height, data: Uint8Array.from(b.subarray(at + 8, at + total)) },
    });
    return total;
  }

  /** Text left in the buffer prints when a raster image or a cut follows. */
  #flushText() {
    if (this.#line.length > 0) this.#printLine();
  }

  #printLine() {
    const chars = this.#line;
    this.#line = [];
    const first = chars.findIndex((c) => c.byte !== 0x20);
    if (first < 0) {
      this.elements.push({ kind: 'feed', dots: this.profile.lineDots * this.#height });
      return;
    }
    const cell = this.profile.dots / this.profile.columns;
    const indentDots = chars.slice(0, first).reduce((n, c) => n + c.width * cell, 0);
    const style = chars[first]!;
    const bytes = Uint8Array.from(chars.slice(first), (c) => c.byte);
    const page = this.#page === null ? undefined : this.#pages.get(this.#page);
    const codePage =
      page ?? (this.#page === null || this.#page === 0 ? 'cp437' : (`unknown-${this.#page}` as const));
    const text = page ? decodePage(page, bytes) : iconv.decode(Buffer.from(bytes), 'cp437');
    this.elements.push({
      kind: 'text',
      text,
      codePage,
      align: this.#align,
      bold: style.bold,
      width: style.width,
      height: Math.max(...chars.map((c) => c.height)),
      indentDots,
    });
  }
}
