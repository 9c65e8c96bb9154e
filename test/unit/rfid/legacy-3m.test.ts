import { describe, expect, it } from 'vitest';
import { decodeTag } from '../../../electron/station/devices/rfid/model/detect.js';
import { decode3m, encode3m, is3mBlank } from '../../../electron/station/devices/rfid/model/legacy-3m.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('3M legacy layout (Biblio::RFID RFID501)', () => {
  // The two tags of Biblio::RFID's own test, block by block.
  const tag1 = bytes(
    [4, 0x11, 0, 0],
    '2009',
    '0101',
    '0123',
    [0, 0, 0, 0],
    [0xff, 0xff, 0xff, 0xff],
    [0x7f, 0xff, 0xff, 0xff],
    [0, 0, 0, 0],
  );
  const tag2 = bytes(
    [4, 0x11, 0, 1],
    '1302',
    '0037',
    '67',
    [0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  );

  it('decodes the reference tags', () => {
    expect(decode3m(tag1)).toMatchObject({
      model: '3m',
      primaryItemId: '200901010123',
      setInfo: { parts: 1, part: 1 },
      itemType: 0,
      itemTypeLabel: 'Other',
      branch: 0xfff,
      library: 0xfffff,
      custom: 0x7fffffff,
      warnings: [],
    });
    expect(decode3m(tag2)).toMatchObject({
      primaryItemId: '1302003767',
      itemType: 1,
      itemTypeLabel: 'Book',
      branch: 0,
      library: 0,
    });
  });

  it('reads part (high nibble) and parts (low nibble) of a set', () => {
    const tag = decode3m(encode3m({ primaryItemId: 'B1', setInfo: { parts: 3, part: 2 } }));
    expect(tag.setInfo).toEqual({ parts: 3, part: 2 });
  });

  it('round-trips the reference tags through the encoder', () => {
    const decoded = decode3m(tag1);
    expect(
      encode3m({
        primaryItemId: decoded.primaryItemId!,
        setInfo: decoded.setInfo!,
        itemType: decoded.itemType!,
        branch: decoded.branch!,
        library: decoded.library!,
        custom: decoded.custom!,
      }),
    ).toEqual(tag1);
  });

  it('recognizes the factory blank', () => {
    const blank = Uint8Array.from([...new Array(24).fill(0x55), 0, 0, 0, 0]);
    expect(is3mBlank(blank)).toBe(true);
    expect(decodeTag(blank)).toMatchObject({ model: 'blank' });
  });

  it('is auto-detected', () => {
    expect(decodeTag(tag2).model).toBe('3m');
  });
});
