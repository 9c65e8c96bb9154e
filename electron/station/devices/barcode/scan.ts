import type { Symbology } from './symbology.js';

/** One barcode as a driver delivers it. */
export interface BarcodeScan {
  text: string;
  symbology: Symbology;
  /** The AIM id when the reader sent one. */
  aim?: string;
}

/** What every barcode driver offers the device manager. */
export interface BarcodeReader {
  onScan(listener: (scan: BarcodeScan) => void): () => void;
  /** Called once when the reader goes away (unplugged, port closed); `error` says why when known. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}
