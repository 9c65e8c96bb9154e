import { parseAimId, type Symbology } from './symbology.js';

/** HID usage page of bar code scanners (HID Point of Sale Usage Tables). */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Report id of scanned-data input reports. */
export const HID_POS_SCAN_REPORT_ID = 0x02;

/*
 * Layout of a scanned-data report after its report id (63 bytes on Honeywell, Zebra and Datalogic
 * readers in HID POS mode):
 *   byte 0      number of data bytes in this report (at most 56)
 *   bytes 1–3   AIM symbology id, `]xy`
 *   bytes 4–59  data
 *   bytes 60–61 vendor's own symbology code (Honeywell code id), unused here
 *   last byte   "more data": non-zero when the next report continues this barcode
 */
const AIM_OFFSET = 1;
const DATA_OFFSET = 4;
const MAX_DATA = 56;

export interface HidPosChunk {
  aim: string;
  symbology: Symbology;
  data: Uint8Array;
  moreData: boolean;
}

export class HidPosReportError extends Error {}

/**
 * Parses one input report as received from the interrupt endpoint, report id first. Returns `null`
 * for other reports (a reader's status or attribute reports share the endpoint).
 */
export function parseHidPosReport(report: Uint8Array): HidPosChunk | null {
  if (report.length === 0 || report[0] !== HID_POS_SCAN_REPORT_ID) return null;
  return parseHidPosPayload(report.subarray(1));
}

/** Parses the bytes of a scanned-data report without its report id. */
export function parseHidPosPayload(payload: Uint8Array): HidPosChunk {
  if (payload.length < DATA_OFFSET + 1) {
    throw new HidPosReportError(`HID POS report too short (${payload.length} bytes)`);
  }
  const length = payload[0]!;
  // The flag byte is the last one, so the data can never run into it.
  const room = Math.min(MAX_DATA, payload.length - 1 - DATA_OFFSET);
  if (length > room) {
    throw new HidPosReportError(`HID POS report says ${length} data bytes, room for ${room}`);
  }
  const aim = String.fromCharCode(...payload.subarray(AIM_OFFSET, AIM_OFFSET + 3));
  const parsed = parseAimId(aim);
  return {
    aim,
    symbology: parsed?.symbology ?? 'unknown',
    data: payload.slice(DATA_OFFSET, DATA_OFFSET + length),
    moreData: payload[payload.length - 1] !== 0,
  };
}

export interface HidPosScan {
  /** The barcode's data as Latin-1 text (readers send bytes; library barcodes are ASCII). */
  text: string;
  aim: string;
  symbology: Symbology;
}

/** Joins the chunks of a barcode longer than one report (the "more data" flag) into one scan. */
export class HidPosAssembler {
  #parts: Uint8Array[] = [];

  /** Feeds one report; returns the scan when it was the last part. */
  push(report: Uint8Array): HidPosScan | null {
    const chunk = parseHidPosReport(report);
    if (!chunk) return null;
    this.#parts.push(chunk.data);
    if (chunk.moreData) return null;
    const total = this.#parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of this.#parts.splice(0)) {
      bytes.set(p, at);
      at += p.length;
    }
    return { text: Buffer.from(bytes).toString('latin1'), aim: chunk.aim, symbology: chunk.symbology };
  }

  reset(): void {
    this.#parts = [];
  }
}

/** Builds the reports a reader would send for `text` — for the simulator and tests. */
export function buildHidPosReports(text: string, aim = ']C0', reportSize = 64): Uint8Array[] {
  const bytes = Buffer.from(text, 'latin1');
  const reports: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < bytes.length; at += MAX_DATA) {
    const part = bytes.subarray(at, at + MAX_DATA);
    const report = new Uint8Array(reportSize);
    report[0] = HID_POS_SCAN_REPORT_ID;
    report[1] = part.length;
    report.set(Buffer.from(aim, 'latin1').subarray(0, 3), 1 + AIM_OFFSET);
    report.set(part, 1 + DATA_OFFSET);
    report[reportSize - 1] = at + MAX_DATA < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
