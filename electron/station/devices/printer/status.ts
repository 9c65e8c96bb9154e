/*
 * ESC/POS real-time status: `DLE EOT n` (10 04 n) makes the printer answer one byte at once, even
 * while it is busy or offline. Every status byte has bits 1 and 4 set and bits 0 and 7 clear.
 *   n = 1 printer:      bit 3 offline
 *   n = 2 offline cause: bit 2 cover open, bit 5 stopped at paper end, bit 6 error
 *   n = 3 error cause:   bit 3 cutter error, bit 5 unrecoverable, bit 6 auto-recoverable
 *   n = 4 paper sensor:  bits 2+3 paper near end, bits 5+6 paper end
 */
export const DLE_EOT = (n: 1 | 2 | 3 | 4) => Uint8Array.of(0x10, 0x04, n);

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** The printer's state, in the terms staff act on. */
export type PrinterState = 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'error' | 'offline';

export interface PrinterStatus {
  state: PrinterState;
  online: boolean;
  paper: 'ok' | 'low' | 'out';
  coverOpen: boolean;
  error: boolean;
}

/** Reads the answers to DLE EOT 1, 2, 3 and 4 (in that order). */
export function decodeStatus(printer: number, offline: number, error: number, paper: number): PrinterStatus {
  const online = (printer & 0x08) === 0;
  const coverOpen = (offline & 0x04) !== 0;
  const paperOut = (paper & 0x60) === 0x60 || (offline & 0x20) !== 0;
  const paperLow = (paper & 0x0c) === 0x0c;
  const failed = (offline & 0x40) !== 0 || (error & 0x68) !== 0;
  const status: PrinterStatus = {
    online,
    paper: paperOut ? 'out' : paperLow ? 'low' : 'ok',
    coverOpen,
    error: failed,
    state: 'ready',
  };
  // The most pressing cause first: a person can fix paper and the cover; errors need a service call.
  if (paperOut) status.state = 'paper-out';
  else if (coverOpen) status.state = 'cover-open';
  else if (failed) status.state = 'error';
  else if (!online) status.state = 'offline';
  else if (paperLow) status.state = 'paper-low';
  return status;
}

/** Status when the printer did not answer at all (switched off, cable out, wrong address). */
export const UNREACHABLE: PrinterStatus = {
  state: 'offline',
  online: false,
  paper: 'ok',
  coverOpen: false,
  error: false,
};

/** Whether a receipt can be printed in this state (paper low still prints). */
export function canPrint(status: PrinterStatus): boolean {
  return status.state === 'ready' || status.state === 'paper-low';
}

/** The bytes a printer answers with — for the simulator. */
export function encodeStatus(s: {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperLow?: boolean;
}): {
  printer: number;
  offline: number;
  error: number;
  paper: number;
} {
  const offline = s.offline || s.coverOpen || s.paperOut;
  return {
    printer: 0x12 | (offline ? 0x08 : 0),
    offline: 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0),
    error: 0x12,
    paper: 0x12 | (s.paperOut ? 0x6c : s.paperLow ? 0x0c : 0),
  };
}
