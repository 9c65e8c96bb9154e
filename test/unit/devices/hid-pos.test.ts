import { describe, expect, it } from 'vitest';
import {
  buildHidPosReports,
  HidPosAssembler,
  HidPosReportError,
  parseHidPosPayload,
  parseHidPosReport,
} from '../../../electron/station/devices/barcode/hid-pos-report.js';
import { parseAimId, stripAimId } from '../../../electron/station/devices/barcode/symbology.js';

/** A 64-byte report as a Honeywell reader sends it: id 2, length, AIM id, data, flag last. */
function report(data: string, aim: string, more = false): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(Buffer.from(aim, 'latin1'), 2);
  r.set(Buffer.from(data, 'latin1'), 5);
  r[61] = 0x61; // Honeywell's own code id (Codabar), which we ignore
  r[63] = more ? 1 : 0;
  return r;
}

describe('HID POS scanned-data reports', () => {
  it('reads length, AIM symbology, data and the more-data flag', () => {
    const chunk = parseHidPosReport(report('21234000123455', ']F0'));
    expect(chunk).not.toBeNull();
    expect(chunk!.aim).toBe(']F0');
    expect(chunk!.symbology).toBe('codabar');
    expect(Buffer.from(chunk!.data).toString()).toBe('21234000123455');
    expect(chunk!.moreData).toBe(false);
  });

  it('ignores reports with another id', () => {
    const other = report('x', ']C0');
    other[0] = 0x04;
    expect(parseHidPosReport(other)).toBeNull();
  });

  it('refuses a length that runs past the data area', () => {
    const bad = new Uint8Array(63);
    bad[0] = 60;
    expect(() => parseHidPosPayload(bad)).toThrow(HidPosReportError);
    expect(() => parseHidPosPayload(new Uint8Array(3))).toThrow(HidPosReportError);
  });

  it('joins a barcode spread over several reports', () => {
    const text = `${'A'.repeat(56)}${'B'.repeat(20)}`;
    const assembler = new HidPosAssembler();
    expect(assembler.push(report(text.slice(0, 56), ']Q1', true))).toBeNull();
    expect(assembler.push(report(text.slice(56), ']Q1'))).toEqual({ text, aim: ']Q1', symbology: 'qr' });
  });

  it('round-trips what buildHidPosReports makes', () => {
    for (const text of ['9780306406157', 'x'.repeat(200)]) {
      const assembler = new HidPosAssembler();
      const scans = buildHidPosReports(text, ']E0').map((r) => assembler.push(r));
      expect(scans.at(-1)).toEqual({ text, aim: ']E0', symbology: 'ean13' });
      expect(scans.slice(0, -1).every((s) => s === null)).toBe(true);
    }
  });
});

describe('AIM symbology identifiers', () => {
  it('names the symbologies libraries use', () => {
    expect(parseAimId(']F0')?.symbology).toBe('codabar');
    expect(parseAimId(']E0')?.symbology).toBe('ean13');
    expect(parseAimId(']E4')?.symbology).toBe('ean8');
    expect(parseAimId(']A0')?.symbology).toBe('code39');
    expect(parseAimId(']C0')?.symbology).toBe('code128');
    expect(parseAimId(']C1')?.symbology).toBe('gs1-128');
    expect(parseAimId(']d2')?.symbology).toBe('datamatrix');
    expect(parseAimId(']Y9')?.symbology).toBe('unknown');
    expect(parseAimId('978')).toBeNull();
  });

  it('strips a leading AIM id only', () => {
    expect(stripAimId(']E09780306406157')).toMatchObject({ text: '9780306406157' });
    expect(stripAimId('9780306406157')).toEqual({ text: '9780306406157', aim: null });
  });
});
