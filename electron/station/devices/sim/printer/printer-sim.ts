import { EventEmitter } from 'node:events';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SerialPort } from 'serialport';
import { type ReceiptFonts, receiptFonts } from '../../printer/fonts.js';
import { type PrinterProfile, printerProfile } from '../../printer/profiles.js';
import { openSerialPort } from '../../serial-line.js';
import { PtyPair } from '../pty-pair.js';
import { EscPosInterpreter, type PrintedElement, type PrinterCondition } from './escpos-interpreter.js';
import { printoutPng, renderPrintout } from './preview.js';

export interface PrinterSimOptions {
  /** Printer model profile (paper width, code page numbers); `epson-80` by default. */
  model?: string;
  /** Where receipts are saved; a new temporary folder by default. */
  outDir?: string;
  /** Listen on TCP (port 0: any free one). On by default, on 127.0.0.1. */
  tcp?: { host?: string; port?: number } | false;
  /** Also (or only) be reachable as a serial printer behind a socat pty pair. */
  pty?: boolean;
  paperOut?: boolean;
  fonts?: ReceiptFonts;
}

/** One receipt, from the first byte after the previous cut to its own cut. */
export interface SimReceipt {
  index: number;
  /** The bytes received, as sent. */
  bin: string;
  /** The printout rendered as the paper would look. */
  png: string;
  /** The text lines, and `[image W×H]` for raster images. */
  txt: string;
  lines: string[];
  elements: PrintedElement[];
}

/**
 * An ESC/POS receipt printer for demos and tests: a raw TCP port like a network printer's 9100
 * and/or a serial line. It interprets what it receives, answers status requests, and saves each
 * receipt (at the cut) as the raw bytes, a text transcript and a PNG preview. Paper-out and an
 * open cover can be switched on to test how drivers report them.
 */
export class PrinterSim {
  readonly receipts: SimReceipt[] = [];
  readonly condition: PrinterCondition;
  readonly profile: PrinterProfile;
  readonly #events = new EventEmitter();
  readonly #interpreter: EscPosInterpreter;
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  #pty: PtyPair | undefined;
  #serial: SerialPort | undefined;
  #bytes: Buffer[] = [];
  #saving: Promise<void> = Promise.resolve();
  /** Bytes that arrived while the printer could not print (no paper, cover open). */
  droppedBytes = 0;
  host = '127.0.0.1';
  port = 0;

  private constructor(
    readonly outDir: string,
    readonly options: PrinterSimOptions,
  ) {
    this.profile = printerProfile(options.model);
    this.condition = { paperOut: options.paperOut ?? false, coverOpen: false };
    this.#interpreter = new EscPosInterpreter(this.profile, this.condition);
  }

  static async start(options: PrinterSimOptions = {}): Promise<PrinterSim> {
    const outDir = options.outDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'bitig-printer-')));
    // The previews show what a patron borrowed: owner-only, like the station's other files.
    await fsp.mkdir(outDir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await fsp.chmod(outDir, 0o700);
    const sim = new PrinterSim(outDir, options);
    if (options.tcp !== false) {
      sim.host = options.tcp?.host ?? '127.0.0.1';
      sim.port = options.tcp?.port ?? 0;
      await sim.powerOn();
    }
    if (options.pty) {
      sim.#pty = await PtyPair.start({ dir: outDir, name: 'printer' });
      sim.#serial = await openSerialPort({ path: sim.#pty.simPath, baudRate: 38400 });
      const serial = sim.#serial;
      serial.on('data', (chunk: Buffer) => sim.#receive(chunk, (reply) => serial.write(Buffer.from(reply))));
      serial.on('error', () => undefined);
    }
    return sim;
  }

  /** The serial path a driver opens, when started with `pty`. */
  get ptyPath(): string | undefined {
    return this.#pty?.driverPath;
  }

  setPaperOut(out: boolean): void {
    this.condition.paperOut = out;
  }

  setCoverOpen(open: boolean): void {
    this.condition.coverOpen = open;
  }

  onReceipt(listener: (receipt: SimReceipt) => void): () => void {
    this.#events.on('receipt', listener);
    return () => this.#events.off('receipt', listener);
  }

  /** Resolves with the next receipt saved. */
  nextReceipt(timeoutMs = 10_000): Promise<SimReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no receipt within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onReceipt((r) => {
        clearTimeout(timer);
        off();
        resolve(r);
      });
    });
  }

  /** Starts listening (again, on the same port once it has one): the printer is switched on. */
  async powerOn(): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((socket) => {
      this.#sockets.add(socket);
      socket.on('data', (chunk) => this.#receive(chunk, (reply) => socket.write(reply)));
      socket.on('error', () => undefined);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    this.#server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** Stops answering on TCP: to a driver, the printer is switched off or unplugged from the network. */
  async powerOff(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until every receipt cut so far is saved. */
  settled(): Promise<void> {
    return this.#saving;
  }

  async close(): Promise<void> {
    await this.powerOff();
    const serial = this.#serial;
    this.#serial = undefined;
    if (serial?.isOpen) await new Promise<void>((resolve) => serial.close(() => resolve()));
    await this.#pty?.close();
    await this.#saving;
  }

  #receive(chunk: Buffer, reply: (bytes: Uint8Array) => void) {
    this.#bytes.push(chunk);
    this.#interpreter.feed(chunk, reply);
    if (this.condition.paperOut || this.condition.coverOpen) {
      // Nothing reaches paper; status requests were still answered above.
      const dropped = this.#interpreter.take();
      if (dropped.length > 0) this.droppedBytes += chunk.length;
      this.#bytes = [];
      return;
    }
    const cut = this.#interpreter.elements.findIndex((e) => e.kind === 'cut');
    if (cut < 0) return;
    const elements = this.#interpreter.elements.splice(0, cut + 1);
    const bytes = Buffer.concat(this.#bytes);
    this.#bytes = [];
    const index = this.receipts.length + 1;
    const placeholder = { index } as SimReceipt;
    this.receipts.push(placeholder);
    this.#saving = this.#saving
      .then(() => this.#save(index, elements, bytes, placeholder))
      .catch(() => undefined);
  }

  async #save(index: number, elements: PrintedElement[], bytes: Buffer, receipt: SimReceipt) {
    const base = path.join(this.outDir, `receipt-${String(index).padStart(4, '0')}`);
    const cell = this.profile.dots / this.profile.columns;
    const lines = elements.flatMap((e) =>
      e.kind === 'text'
        ? [' '.repeat(Math.round(e.indentDots / cell)) + e.text]
        : e.kind === 'raster'
          ? [`[image ${e.bitmap.width}×${e.bitmap.height}]`]
          : e.kind === 'cut'
            ? ['[cut]']
            : [],
    );
    const fonts = this.options.fonts ?? receiptFonts();
    const png = await printoutPng(await renderPrintout(elements, this.profile, fonts));
    await writeOwnerOnly(`${base}.bin`, bytes);
    await writeOwnerOnly(`${base}.txt`, `${lines.join('\n')}\n`);
    await writeOwnerOnly(`${base}.png`, png);
    Object.assign(receipt, {
      index,
      bin: `${base}.bin`,
      png: `${base}.png`,
      txt: `${base}.txt`,
      lines,
      elements,
    });
    this.#events.emit('receipt', receipt);
  }
}

/** A preview file readable by its owner only (0600), also when an earlier run left one there. */
async function writeOwnerOnly(file: string, data: string | Uint8Array): Promise<void> {
  await fsp.writeFile(file, data, { mode: 0o600 });
  if (process.platform !== 'win32') await fsp.chmod(file, 0o600);
}
