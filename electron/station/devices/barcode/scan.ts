import type { Symbology } from './symbology.js';

/** One barcode as a driver delivers it. */
export interface BarcodeScan {
  text: string;
  symbology: Symbology;
  /** The AIM id when the reader sent one. */
  aim?: string;
}

/** A barcode driver's events: each scan, and the reader going away (`Error` when the reason is known). */
export interface BarcodeReaderEvents {
  scan: BarcodeScan;
  close: Error | undefined;
}

/** What every barcode driver offers the device manager. */
export interface BarcodeReader {
  onScan(listener: (scan: BarcodeScan) => void): () => void;
  /** Called once when the reader goes away (unplugged, port closed); `error` says why when known. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}
