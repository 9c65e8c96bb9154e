export { type WritePdfOptions, type WrittenPdf, writePdf } from './write-pdf.js';
