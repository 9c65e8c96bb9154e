import { describe, expect, it } from 'vitest';
import { composeEscPos, rasterCommand } from '../../../electron/station/devices/printer/compose.js';
import { line } from '../../../electron/station/devices/printer/document.js';
import { receiptFonts } from '../../../electron/station/devices/printer/fonts.js';
import { printerProfile } from '../../../electron/station/devices/printer/profiles.js';
import { EscPosInterpreter } from '../../../electron/station/devices/sim/printer/escpos-interpreter.js';

const epson = printerProfile('epson-80');
const clone = printerProfile('clone-58');

function interpreter(profile = epson, paperOut = false) {
  const replies: number[] = [];
  const i = new EscPosInterpreter(profile, { paperOut, coverOpen: false }, (b) => replies.push(...b));
  return { i, replies };
}

describe('ESC/POS interpreter (printer simulator)', () => {
  it('decodes text in the selected code page, with the modes in force', () => {
    const { i } = interpreter();
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x40, 0x1b, 0x74, 0x11, 0x1b, 0x45, 0x01]),
      Buffer.from([0x8f, 0xe0, 0xa8, 0xa2, 0xa5, 0xe2]), // "Привет" in CP866
      Buffer.from([0x1b, 0x45, 0x00, 0x0a]),
      Buffer.from([0x1b, 0x74, 0x2e, 0xcf, 0xf0, 0xe8, 0x0a]), // "При" in WPC1251
    ]);
    i.feed(bytes);
    expect(i.elements).toEqual([
      expect.objectContaining({ kind: 'text', text: 'Привет', codePage: 'cp866', bold: true }),
      expect.objectContaining({ kind: 'text', text: 'При', codePage: 'windows1251', bold: false }),
    ]);
  });

  it('knows the clones number WPC1251 differently', () => {
    const { i } = interpreter(clone);
    i.feed(Buffer.from([0x1b, 0x74, 0x17, 0xcf, 0x0a]));
    expect(i.elements[0]).toMatchObject({ text: 'П', codePage: 'windows1251' });
  });

  it('takes raster images and cuts, even when split across chunks', () => {
    const { i } = interpreter();
    const image = rasterCommand({ width: 16, height: 2, data: Uint8Array.of(0xff, 0x00, 0x0f, 0xf0) });
    const all = Buffer.concat([image, Buffer.from([0x1d, 0x56, 0x01])]);
    for (const b of all) i.feed(Uint8Array.of(b));
    expect(i.elements).toEqual([
      { kind: 'raster', bitmap: { width: 16, height: 2, data: Uint8Array.of(0xff, 0x00, 0x0f, 0xf0) } },
      { kind: 'cut' },
    ]);
  });

  it('answers DLE EOT at once, paper out included', () => {
    const ready = interpreter();
    ready.i.feed(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x04));
    expect(ready.replies).toEqual([0x12, 0x12]);
    const empty = interpreter(epson, true);
    empty.i.feed(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04));
    expect(empty.replies).toEqual([0x1a, 0x32, 0x7e]);
  });

  it('reads back what the composer writes, line for line', async () => {
    const doc = {
      blocks: [
        line('Квитанция', { align: 'center' as const, bold: true, size: 2 as const }),
        { kind: 'rule' as const },
        line('Война и мир', { mark: 'ok' as const }),
        line('Қутлуғ қон', { mark: 'failed' as const }),
        line('Вернуть до 02.04.2025', { indent: 2 }),
      ],
    };
    const composed = await composeEscPos(doc, epson, { fonts: receiptFonts() });
    expect(composed.lines.map((l) => l.mode)).toEqual(['text', 'text', 'raster', 'text']);
    const { i } = interpreter();
    i.feed(composed.bytes);
    const printed = i.elements.filter((e) => e.kind !== 'feed');
    expect(printed[0]).toMatchObject({ kind: 'text', text: 'Квитанция', bold: true, width: 2, height: 2 });
    expect(printed[0]?.kind === 'text' && printed[0].indentDots).toBe(((48 - 18) / 2) * 12);
    expect(printed[1]).toMatchObject({ kind: 'text', text: '-'.repeat(48) });
    expect(printed[2]).toMatchObject({ kind: 'text', text: '√ Война и мир', codePage: 'cp866' });
    expect(printed[3]).toMatchObject({ kind: 'raster' });
    expect(printed[4]).toMatchObject({ kind: 'text', text: 'Вернуть до 02.04.2025', indentDots: 24 });
    expect(printed[5]).toEqual({ kind: 'cut' });
  });
});
