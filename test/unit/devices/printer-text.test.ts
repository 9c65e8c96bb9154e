import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/station/contract/index.js';
import { ITEM_REASONS } from '../../../electron/station/contract/kiosk.js';
import { choosePage, pageCarries } from '../../../electron/station/devices/printer/code-pages.js';
import { wrapText } from '../../../electron/station/devices/printer/document.js';
import {
  formatDate,
  formatDateTime,
  maskPatronName,
  RECEIPT_STRINGS,
  receiptDocument,
} from '../../../electron/station/devices/printer/receipt-template.js';
import {
  decodeStatus,
  encodeStatus,
  isStatusByte,
} from '../../../electron/station/devices/printer/status.js';

const localeDir = path.resolve(__dirname, '../../../electron/station/devices/printer/locales');

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('receipt locales', () => {
  it('has one file per language, all with the same keys', () => {
    const files = fs.readdirSync(localeDir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
    const reference = keys(JSON.parse(fs.readFileSync(path.join(localeDir, 'en.json'), 'utf8'))).sort();
    for (const f of files) {
      const k = keys(JSON.parse(fs.readFileSync(path.join(localeDir, f), 'utf8'))).sort();
      expect(k, f).toEqual(reference);
    }
  });

  it('translates every item reason, with no empty strings', () => {
    for (const lang of LANGUAGES) {
      for (const r of ITEM_REASONS) expect(RECEIPT_STRINGS[lang].reason[r], `${lang} ${r}`).toBeTruthy();
      for (const k of keys(RECEIPT_STRINGS[lang])) expect(k).not.toBe('');
    }
  });

  it('translates rather than copies: each language words "pending" its own way', () => {
    const headings = new Set(LANGUAGES.map((l) => RECEIPT_STRINGS[l].pending));
    expect(headings.size).toBe(LANGUAGES.length);
  });
});

describe('receipt template', () => {
  it('formats dates in the station time zone, and bare due dates as the day they name', () => {
    const ru = RECEIPT_STRINGS.ru;
    expect(formatDateTime('2025-03-12T21:30:00Z', ru, 'Asia/Tashkent')).toBe('13.03.2025 02:30');
    expect(formatDate('2025-04-02', ru, 'America/New_York')).toBe('02.04.2025');
    expect(formatDate('2025-04-02', RECEIPT_STRINGS.en)).toBe('02/04/2025');
  });

  it('marks items, notes pending ones, leaves out an unknown patron name', () => {
    const doc = receiptDocument(
      {
        patronName: '',
        library: 'Kutubxona',
        printedAt: '2025-03-12T09:05:00Z',
        items: [
          {
            action: 'checkin',
            itemId: '3100001',
            ok: true,
            title: null,
            dueDate: null,
            reason: null,
            screenMessages: [],
            security: null,
            pending: true,
          },
        ],
      },
      'en',
    );
    const lines = doc.blocks.flatMap((b) => (b.kind === 'line' ? [b] : []));
    expect(lines.some((l) => l.text.startsWith('Reader'))).toBe(false);
    expect(lines.find((l) => l.text === 'No. 3100001')?.mark).toBe('ok');
    expect(lines.some((l) => l.text === 'Returned')).toBe(true);
    expect(lines.some((l) => l.text === 'Pending confirmation by the library system')).toBe(true);
  });
});

describe('the patron’s name on the receipt', () => {
  it('is masked to first letters and five stars, whatever the name’s length or script', () => {
    expect(maskPatronName('Aziza Karimova')).toBe('A***** K*****');
    expect(maskPatronName('  Gʻulomova   Dilnoza Rustamovna ')).toBe('G***** D***** R*****');
    expect(maskPatronName('Нұрланұлы Әлихан')).toBe('Н***** Ә*****');
    expect(maskPatronName('Li')).toBe('L*****');
    expect(maskPatronName('')).toBe('');
  });

  it('is printed masked unless the site asks for it in full', () => {
    const receipt = {
      patronName: 'Иванов Сергей',
      library: '',
      printedAt: '2025-03-12T09:05:00Z',
      items: [],
    };
    const reader = (options?: Parameters<typeof receiptDocument>[2]) =>
      receiptDocument(receipt, 'ru', options)
        .blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []))
        .find((t) => t.startsWith('Читатель'));
    expect(reader()).toBe('Читатель: И***** С*****');
    expect(reader({ patronName: 'masked' })).toBe('Читатель: И***** С*****');
    expect(reader({ patronName: 'full' })).toBe('Читатель: Иванов Сергей');
  });
});

describe('code pages', () => {
  it('CP866 carries Russian and Uzbek Ў, but not Ғ Қ Ҳ or ʻ', () => {
    expect(pageCarries('cp866', 'Вернуть до 02.04.2025 №')).toBe(true);
    expect(pageCarries('cp866', 'Ўтган кунлар')).toBe(true);
    for (const c of ['Ғ', 'Қ', 'Ҳ', 'ʻ', 'ә']) expect(pageCarries('cp866', c)).toBe(false);
  });

  it('picks WPC1251 when only it has the character, and nothing for Uzbek letters', () => {
    expect(choosePage('«Война и мир»', ['cp866', 'windows1251'])).toBe('windows1251');
    expect(choosePage('Война и мир', ['cp866', 'windows1251'])).toBe('cp866');
    expect(choosePage('Қутлуғ қон', ['cp866', 'windows1251'])).toBeNull();
    expect(choosePage('Oʻtgan kunlar', ['cp866', 'windows1251'])).toBeNull();
    expect(choosePage('Mehrobdan chayon', ['cp866', 'windows1251'])).toBe('cp866');
    // The ‘ (U+2018) some texts use for ʻ is in WPC1251 (0x91); Kazakh Ә is in neither page.
    expect(choosePage('G‘afur G‘ulom', ['cp866', 'windows1251'])).toBe('windows1251');
    expect(choosePage('Әуезов', ['cp866', 'windows1251'])).toBeNull();
  });

  it('wraps words at the line width', () => {
    expect(wrapText('Одна очень длинная строка', 10)).toEqual(['Одна очень', 'длинная', 'строка']);
    expect(wrapText('x'.repeat(12), 5)).toEqual(['xxxxx', 'xxxxx', 'xx']);
    expect(wrapText('', 5)).toEqual(['']);
  });
});

describe('DLE EOT status bytes', () => {
  it('decodes a ready printer', () => {
    const s = encodeStatus({ offline: false, coverOpen: false, paperOut: false });
    expect([s.printer, s.offline, s.error, s.paper].every(isStatusByte)).toBe(true);
    expect(decodeStatus(s.printer, s.offline, s.error, s.paper).state).toBe('ready');
  });

  it('decodes paper out, paper low, cover open', () => {
    const out = encodeStatus({ offline: false, coverOpen: false, paperOut: true });
    expect(decodeStatus(out.printer, out.offline, out.error, out.paper)).toMatchObject({
      state: 'paper-out',
      online: false,
      paper: 'out',
    });
    const low = encodeStatus({ offline: false, coverOpen: false, paperOut: false, paperLow: true });
    expect(decodeStatus(low.printer, low.offline, low.error, low.paper).state).toBe('paper-low');
    const open = encodeStatus({ offline: false, coverOpen: true, paperOut: false });
    expect(decodeStatus(open.printer, open.offline, open.error, open.paper).state).toBe('cover-open');
    // Epson's documented answers: 0x16 printer online, 0x12 no error, 0x72 paper end (bits 5, 6).
    expect(decodeStatus(0x16, 0x12, 0x12, 0x72).state).toBe('paper-out');
    expect(decodeStatus(0x1e, 0x12, 0x12, 0x12).state).toBe('offline');
  });

  it('only takes bytes with the fixed bits right', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0xff)).toBe(false);
  });
});
