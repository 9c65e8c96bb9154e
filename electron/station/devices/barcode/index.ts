export { classifyId, type IdKind, type IdRules } from './classify.js';
export { HidPosReader, type HidPosReaderOptions } from './hid-pos-reader.js';
export {
  buildHidPosReports,
  HID_POS_USAGE_PAGE,
  HidPosAssembler,
  type HidPosChunk,
  HidPosReportError,
  parseHidPosPayload,
  parseHidPosReport,
} from './hid-pos-report.js';
export { enableHoneywellHidPos, HONEYWELL_VENDOR_ID } from './honeywell.js';
export type { BarcodeReader, BarcodeScan } from './scan.js';
export {
  openSerialPort,
  type Parity,
  SerialBarcodeReader,
  type SerialLineOptions,
  type SerialReaderOptions,
  SUFFIXES,
  suffixFromName,
} from './serial-reader.js';
export { type AimId, parseAimId, type Symbology, stripAimId } from './symbology.js';
export * from './validate.js';
