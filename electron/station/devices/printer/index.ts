export { type Bitmap, isBlack, toGrey } from './bitmap.js';
export { choosePage, decodePage, encodePage, MARK_TEXT, pageCarries } from './code-pages.js';
export { type Composed, type ComposedLine, composeEscPos, rasterCommand } from './compose.js';
export { line, type PrintBlock, type PrintDocument, type PrintLine, wrapText } from './document.js';
export { type ReceiptFonts, receiptFonts } from './fonts.js';
export {
  type CodePage,
  DEFAULT_PRINTER_PROFILE,
  PRINTER_PROFILES,
  type PrinterProfile,
  printerProfile,
} from './profiles.js';
export { type Align, type Mark, renderTextBitmap } from './raster.js';
export {
  PrinterError,
  type PrintResult,
  ReceiptPrinter,
  type ReceiptPrinterOptions,
} from './receipt-printer.js';
export { RECEIPT_STRINGS, type ReceiptStrings, receiptDocument } from './receipt-template.js';
export { SerialPrinterTransport } from './serial-transport.js';
export {
  canPrint,
  DLE_EOT,
  decodeStatus,
  encodeStatus,
  isStatusByte,
  type PrinterState,
  type PrinterStatus,
  UNREACHABLE,
} from './status.js';
export { TcpPrinterTransport } from './tcp-transport.js';
export { type PrinterTransport, PrinterUnreachableError } from './transport.js';
export { USB_PRINTER_CLASS, UsbPrinterTransport } from './usb-transport.js';
