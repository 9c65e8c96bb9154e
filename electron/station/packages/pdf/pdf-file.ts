/**
 * A PDF written front to back: objects go to the file as soon as a page is done, so a book's images
 * are held one at a time, never all at once (pdf-lib's own `save()` keeps every object and then the
 * whole file in memory). pdf-lib's object model serialises each object; its context serves as the
 * register of objects not yet written (text layers copied from Tesseract's pages land there).
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import {
  type PDFContext,
  type PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFRef,
} from '@cantoo/pdf-lib';

const SMALL = 256 * 1024;

export class PdfFile {
  readonly #offsets = new Map<number, number>();
  readonly #hash: Hash = createHash('sha256');
  #position = 0;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(
    readonly context: PDFContext,
    private readonly handle: FileHandle,
  ) {}

  get bytes(): number {
    return this.#position;
  }

  /** The SHA-256 of everything written so far, for the document ID (before the trailer). */
  digestSoFar(): Buffer {
    return this.#hash.copy().digest();
  }

  async header(): Promise<void> {
    // A comment of bytes over 127 on the second line tells transfer tools the file is binary (PDF/A asks for it).
    await this.#write(Buffer.from([...Buffer.from('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  }

  /** Writes an object now, under `ref`. */
  async object(ref: PDFRef, object: PDFObject): Promise<void> {
    const size = object.sizeInBytes();
    const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
    const body = Buffer.allocUnsafe(size);
    object.copyBytesInto(body, 0);
    this.#offsets.set(ref.objectNumber, this.#position);
    await this.#write(head);
    await this.#write(body);
    await this.#write(Buffer.from('\nendobj\n', 'latin1'));
  }

  /** A stream whose data is written as given (already encoded, as its /Filter says): no copy made. */
  async stream(ref: PDFRef, dict: PDFDict, data: Buffer): Promise<void> {
    dict.set(PDFName.of('Length'), PDFNumber.of(data.length));
    this.#offsets.set(ref.objectNumber, this.#position);
    const dictBytes = Buffer.allocUnsafe(dict.sizeInBytes());
    dict.copyBytesInto(dictBytes, 0);
    await this.#write(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
    await this.#write(dictBytes);
    await this.#write(Buffer.from('\nstream\n', 'latin1'));
    await this.#write(data);
    await this.#write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /**
   * Writes every object pdf-lib's context holds that is not written yet. They stay registered
   * (pdf-lib's page embedder looks objects up again on the next embedding and fails if they are
   * gone); only text layers and page dictionaries go through it, a few kilobytes a page.
   */
  async flushContext(): Promise<void> {
    for (const [ref, object] of this.context.enumerateIndirectObjects()) {
      if (this.#offsets.has(ref.objectNumber)) continue;
      await this.object(ref, object);
    }
  }

  /** Cross-reference table and trailer; then the file is complete. */
  async finish(trailer: PDFDict): Promise<void> {
    const size = Math.max(this.context.largestObjectNumber, ...this.#offsets.keys()) + 1;
    trailer.set(PDFName.of('Size'), PDFNumber.of(size));
    await this.#flushPending();
    const xref = this.#position;
    const lines = ['xref', `0 ${size}`, '0000000000 65535 f\r'];
    for (let n = 1; n < size; n++) {
      const at = this.#offsets.get(n);
      lines.push(at === undefined ? '0000000000 00000 f\r' : `${String(at).padStart(10, '0')} 00000 n\r`);
    }
    const trailerBytes = Buffer.allocUnsafe(trailer.sizeInBytes());
    trailer.copyBytesInto(trailerBytes, 0);
    await this.#write(Buffer.from(`${lines.join('\n')}\ntrailer\n`, 'latin1'));
    await this.#write(trailerBytes);
    await this.#write(Buffer.from(`\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
    await this.#flushPending();
  }

  sha256(): string {
    return this.#hash.digest('hex');
  }

  async #write(data: Buffer): Promise<void> {
    this.#hash.update(data);
    this.#position += data.length;
    if (data.length >= SMALL) {
      await this.#flushPending();
      await this.handle.write(data);
      return;
    }
    this.#pending.push(data);
    this.#pendingBytes += data.length;
    if (this.#pendingBytes >= SMALL) await this.#flushPending();
  }

  async #flushPending(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const chunk = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.handle.write(chunk);
  }
}
