import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printerProfile } from '../../../electron/station/devices/printer/profiles.js';
import { PrinterError, ReceiptPrinter } from '../../../electron/station/devices/printer/receipt-printer.js';
import { receiptDocument } from '../../../electron/station/devices/printer/receipt-template.js';
import { SerialPrinterTransport } from '../../../electron/station/devices/printer/serial-transport.js';
import { TcpPrinterTransport } from '../../../electron/station/devices/printer/tcp-transport.js';
import { PrinterSim } from '../../../electron/station/devices/sim/printer/printer-sim.js';
import { sampleReceipt } from './helpers.js';

const profile = printerProfile('epson-80');
let sim: PrinterSim;

let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-printer-test-'));
  sim = await PrinterSim.start({ pty: true, outDir: dir });
});
afterAll(async () => {
  await sim?.close();
  // BITIG_KEEP_RECEIPTS=1 keeps the PNG previews to look at.
  if (process.env.BITIG_KEEP_RECEIPTS) console.log(`receipts kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
});

function tcpPrinter() {
  return new ReceiptPrinter(new TcpPrinterTransport('127.0.0.1', sim.port), profile, {
    statusTimeoutMs: 500,
  });
}

/** Fraction of dark pixels in a region of the preview PNG. */
async function darkShare(png: string, region?: { top: number; height: number }): Promise<number> {
  let img = sharp(png).greyscale();
  if (region) {
    const meta = await sharp(png).metadata();
    img = img.extract({ left: 0, top: region.top, width: meta.width!, height: region.height });
  }
  const { data } = await img.raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 128) dark++;
  return dark / data.length;
}

describe('receipt printing over TCP 9100 to the simulated printer', () => {
  it('prints a Russian receipt as CP866 text, with no images', async () => {
    const receipt = sampleReceipt(
      ['Война и мир', 'Мастер и Маргарита', 'Анна Каренина'],
      'Иванова Мария',
      'Национальная библиотека',
    );
    const next = sim.nextReceipt();
    const result = await tcpPrinter().print(
      receiptDocument(receipt, 'ru', { timeZone: 'Asia/Tashkent', patronName: 'full' }),
    );
    expect(result.status.state).toBe('ready');
    expect(result.lines.every((l) => l.mode === 'text')).toBe(true);
    expect(new Set(result.lines.map((l) => l.codePage))).toEqual(new Set(['cp866']));

    const printed = await next;
    // ESC t 17 (CP866) selected, and the text decodes back as sent.
    expect(Buffer.from(fs.readFileSync(printed.bin)).includes(Buffer.from([0x1b, 0x74, 0x11]))).toBe(true);
    expect(printed.lines).toContain('Читатель: Иванова Мария');
    expect(printed.lines).toContain('Дата: 12.03.2025 14:05');
    expect(printed.lines).toContain('√ Война и мир');
    expect(printed.lines).toContain('  Выдана · Вернуть до 02.04.2025');
    expect(printed.lines).toContain('  Ожидает подтверждения библиотечной системы');
    expect(printed.lines).toContain('x Анна Каренина');
    expect(printed.lines).toContain('  Эта книга уже выдана.');
    expect(printed.lines.some((l) => l.startsWith('[image'))).toBe(false);
    expect(fs.existsSync(printed.png)).toBe(true);
    expect(await darkShare(printed.png)).toBeGreaterThan(0.01);
  });

  it('prints Uzbek Cyrillic lines with Қ Ғ Ҳ as images, the rest as text', async () => {
    const receipt = sampleReceipt(
      ['Ўтган кунлар', 'Меҳробдан чаён', 'Қутлуғ қон'],
      'Алиев Ҳасан',
      'Алишер Навоий номидаги кутубхона',
    );
    const next = sim.nextReceipt();
    const result = await tcpPrinter().print(
      receiptDocument(receipt, 'uz-Cyrl', { timeZone: 'Asia/Tashkent', patronName: 'full' }),
    );
    const mode = (text: string) => result.lines.find((l) => l.text === text)?.mode;
    expect(mode('Ўтган кунлар')).toBe('text'); // Ў is in CP866
    expect(mode('Меҳробдан чаён')).toBe('raster');
    expect(mode('Қутлуғ қон')).toBe('raster');
    expect(mode('Китобхон: Алиев Ҳасан')).toBe('raster');
    expect(mode('Чек')).toBe('text');
    const printed = await next;
    const images = printed.elements.filter((e) => e.kind === 'raster');
    expect(images.length).toBe(result.lines.filter((l) => l.mode === 'raster').length);
    for (const e of images) if (e.kind === 'raster') expect(e.bitmap.width).toBe(576);
    expect(await darkShare(printed.png)).toBeGreaterThan(0.01);
  });

  it('prints Uzbek Latin lines with oʻ and gʻ as images, plain Latin as text', async () => {
    const receipt = sampleReceipt(
      ['Oʻtgan kunlar', 'Mehrobdan chayon', 'Kecha va kunduz'],
      'Aliyev Hasan',
      'Alisher Navoiy nomidagi kutubxona',
    );
    const next = sim.nextReceipt();
    const result = await tcpPrinter().print(
      receiptDocument(receipt, 'uz-Latn', { timeZone: 'Asia/Tashkent', patronName: 'full' }),
    );
    const mode = (text: string) => result.lines.find((l) => l.text === text)?.mode;
    expect(mode('Oʻtgan kunlar')).toBe('raster');
    expect(mode('Mehrobdan chayon')).toBe('text');
    expect(mode('Kitobxon: Aliyev Hasan')).toBe('text');
    const printed = await next;
    expect(printed.lines).toContain('√ Mehrobdan chayon');
    expect(printed.lines.filter((l) => l.startsWith('[image')).length).toBeGreaterThan(0);

    // The image line of the first title has ink where the text is: check the PNG, not just the bytes.
    const meta = await sharp(printed.png).metadata();
    expect(meta.width).toBe(576);
    let y = 16;
    let titleTop = -1;
    for (const e of printed.elements) {
      if (e.kind === 'raster' && titleTop < 0 && result.lines.some((l) => l.text === 'Oʻtgan kunlar')) {
        // the first image of this receipt is the Oʻtgan kunlar title line (everything before is text)
        titleTop = y;
      }
      if (e.kind === 'raster') y += e.bitmap.height;
      else if (e.kind === 'feed') y += e.dots;
      else if (e.kind === 'text') y += 30 * e.height;
    }
    expect(titleTop).toBeGreaterThan(0);
    expect(await darkShare(printed.png, { top: titleTop, height: 30 })).toBeGreaterThan(0.02);
    // A blank strip of the paper margin stays white.
    expect(await darkShare(printed.png, { top: 0, height: 12 })).toBe(0);
  });

  it('refuses to print when the paper is out, and says so', async () => {
    sim.setPaperOut(true);
    try {
      const printer = tcpPrinter();
      expect((await printer.status()).state).toBe('paper-out');
      const before = sim.receipts.length;
      const err = await printer
        .print(receiptDocument(sampleReceipt(['A', 'B', 'C'], 'X', 'Y'), 'en'))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PrinterError);
      expect((err as PrinterError).status.state).toBe('paper-out');
      expect((err as PrinterError).status.paper).toBe('out');
      expect(sim.receipts.length).toBe(before);
    } finally {
      sim.setPaperOut(false);
    }
    expect((await tcpPrinter().status()).state).toBe('ready');
  });

  it('reports a switched-off printer as offline', async () => {
    const dead = new ReceiptPrinter(new TcpPrinterTransport('127.0.0.1', 1, 500), profile);
    expect((await dead.status()).state).toBe('offline');
    const err = await dead.print({ blocks: [{ kind: 'line', text: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).status.state).toBe('offline');
  });
});

describe('receipt printing over a serial line (socat pty)', () => {
  it('prints and reads status through the serial port', async () => {
    const printer = new ReceiptPrinter(
      new SerialPrinterTransport({ path: sim.ptyPath!, baudRate: 38400 }),
      profile,
      {
        persistent: true,
        statusTimeoutMs: 500,
      },
    );
    try {
      expect((await printer.status()).state).toBe('ready');
      const next = sim.nextReceipt();
      await printer.print(
        receiptDocument(
          sampleReceipt(['War and Peace', 'Dune', 'Emma'], 'Mary Smith', 'City Library'),
          'en',
          {
            patronName: 'full',
          },
        ),
      );
      const printed = await next;
      expect(printed.lines).toContain('√ War and Peace');
      expect(printed.lines).toContain('Reader: Mary Smith');
      sim.setPaperOut(true);
      expect((await printer.status()).state).toBe('paper-out');
    } finally {
      sim.setPaperOut(false);
      await printer.close();
    }
  });
});
