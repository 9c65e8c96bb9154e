import { describe, expect, it } from 'vitest';
import { openScanner } from '../../../electron/station/devices/scanner/open-scanner.js';
import { scanArea } from '../../../electron/station/devices/scanner/page-size.js';
import { parseScanProfile } from '../../../electron/station/devices/scanner/profile.js';
import { loadSaneAddon } from '../../../electron/station/devices/scanner/sane/addon-loader.js';
import {
  type SaneErrorCode,
  saneToScannerError,
} from '../../../electron/station/devices/scanner/sane/sane-error.js';
import {
  SCANNER_ERROR_CODES,
  ScannerError,
} from '../../../electron/station/devices/scanner/scanner-error.js';

const addonError = (code: string, saneStatus?: string) =>
  Object.assign(new Error(`sane_read: ${code}`), { code, ...(saneStatus ? { saneStatus } : {}) });

describe('SANE errors as scanner errors', () => {
  it('maps the statuses an operator acts on', () => {
    const cases: [SaneErrorCode, string][] = [
      ['jammed', 'jammed'],
      ['cover_open', 'cover_open'],
      ['no_documents', 'no_documents'],
      ['device_busy', 'busy'],
      ['warming_up', 'busy'],
      ['io_error', 'io'],
      ['no_memory', 'io'],
      ['access_denied', 'unavailable'],
      ['cancelled', 'cancelled'],
      ['unsupported', 'unsupported'],
      ['invalid', 'unsupported'],
      ['eof', 'protocol'],
      ['unknown', 'protocol'],
    ];
    for (const [sane, scanner] of cases) {
      const err = saneToScannerError(addonError(sane, `SANE_STATUS_${sane.toUpperCase()}`));
      expect(err, sane).toBeInstanceOf(ScannerError);
      expect(err.code, sane).toBe(scanner);
      expect(SCANNER_ERROR_CODES).toContain(err.code);
    }
    expect(saneToScannerError(addonError('jammed', 'SANE_STATUS_JAMMED')).detail).toBe('SANE_STATUS_JAMMED');
    expect(saneToScannerError(new TypeError('boom')).code).toBe('protocol');
  });

  it('counts the pages a failed batch delivered', () => {
    const err = new ScannerError('jammed', 'jam').withPagesDelivered(3);
    expect(err).toMatchObject({ code: 'jammed', pagesDelivered: 3, message: 'jam' });
  });
});

describe('scan profiles', () => {
  const valid = { device: 'sane:test:0', source: 'adf', mode: 'gray', resolution: 300, pageSize: 'a4' };

  it('accepts a profile and fills the format', () => {
    expect(parseScanProfile(valid)).toEqual({ ...valid, format: 'auto' });
    expect(parseScanProfile({ ...valid, pageSize: { widthMm: 150, heightMm: 200 } }).pageSize).toEqual({
      widthMm: 150,
      heightMm: 200,
    });
  });

  it('rejects bad values and unknown fields', () => {
    for (const bad of [
      { ...valid, resolution: 0 },
      { ...valid, resolution: 300.5 },
      { ...valid, source: 'duplex' },
      { ...valid, mode: 'sepia' },
      { ...valid, pageSize: 'a0' },
      { ...valid, pageSize: { widthMm: -1, heightMm: 10 } },
      { ...valid, extra: true },
      { ...valid, device: '' },
    ]) {
      expect(() => parseScanProfile(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it('cuts the page to what the scanner covers', () => {
    expect(scanArea('a4', { widthMm: 200, heightMm: 200 })).toEqual({ widthMm: 200, heightMm: 200 });
    expect(scanArea('a5', { widthMm: 215.9, heightMm: 297 })).toEqual({ widthMm: 148, heightMm: 210 });
    expect(scanArea('max', { widthMm: 215.9, heightMm: 297 })).toEqual({ widthMm: 215.9, heightMm: 297 });
    expect(scanArea('letter', undefined)).toEqual({ widthMm: 215.9, heightMm: 279.4 });
  });
});

describe('where SANE is not built', () => {
  it('says so instead of throwing', () => {
    const result = loadSaneAddon('/nonexistent/native/sane/build/Release/sane.node');
    expect(result.available).toBe(false);
    if (!result.available) expect(result.reason).toMatch(/^SANE not available: .*not built/);
  });

  it('a SANE scanner is unavailable, an eSCL one still opens', () => {
    expect(() => openScanner('sane:test:0', { sane: { addonFile: '/nonexistent/sane.node' } })).toThrow(
      expect.objectContaining({ code: 'unavailable' }),
    );
    expect(openScanner('escl:http://192.0.2.1/eSCL').id).toBe('escl:http://192.0.2.1/eSCL/');
    expect(() => openScanner('twain:1')).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});
