import net from 'node:net';
import iconv from 'iconv-lite';
import { diagnosticError } from '../diagnostics.js';
import { CatalogError } from '../errors.js';
import { deadline, type LookupOptions, type LookupResult, settle } from '../lookup.js';
import { readIso2709 } from '../marc/iso2709.js';
import { readMarcXmlText } from '../marc/record.js';
import { toBibRecord } from '../records.js';
import type { SourceFormat, Z3950Source } from '../types.js';
import { BerError, decode, header, type Tlv } from './ber.js';
import {
  closeRequest,
  initRequest,
  OID,
  presentRequest,
  readInitResponse,
  readPresentResponse,
  readSearchResponse,
  searchRequest,
} from './pdu.js';
import { parsePqf } from './pqf.js';

/** A PDU larger than this is not a page of catalogue records. */
const MAX_PDU_BYTES = 64 * 1024 * 1024;
/** Records asked for per Present; the server may send fewer (its message size), we ask again. */
const PAGE_SIZE = 50;

/**
 * One Z39.50 lookup: connect, Init, Search (type-1 RPN from PQF, Bib-1), Present page by page,
 * Close. The whole exchange runs under the source's timeout and the caller's signal; any failure
 * (refused, cut connection, broken BER, a diagnostic) is a CatalogError and the socket is destroyed
 * at once. Credentials, when given, go in Init as idPass.
 */
export async function z3950Search(
  source: Z3950Source,
  pqf: string,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const rpn = parsePqf(pqf);
  const want = options.maxRecords ?? source.maxRecords;
  const d = deadline(source.timeoutSeconds, options.signal);
  const session = new Session(source, d.signal, d.why);
  try {
    await session.connect();
    const init = readInitResponse(
      await session.exchange(initRequest(options.clientVersion ?? '0', options.credentials)),
    );
    if (!init.accepted) {
      throw new CatalogError(
        'CATALOG_REFUSED',
        `${source.host}:${source.port} refused the connection (Init)`,
      );
    }
    const encodeTerm = (term: string) =>
      source.termCharset === 'cp1251'
        ? new Uint8Array(iconv.encode(term, 'cp1251'))
        : new TextEncoder().encode(term);
    const search = readSearchResponse(
      await session.exchange(searchRequest(source.database, rpn, encodeTerm)),
    );
    if (!search.ok) {
      throw search.diagnostic
        ? diagnosticError(search.diagnostic)
        : new CatalogError('CATALOG_DIAGNOSTIC', 'the server refused the search without a reason');
    }
    const result: LookupResult = { source: source.name, total: search.count, records: [], skipped: [] };
    const last = Math.min(search.count, want);
    let position = 1;
    while (position <= last) {
      const count = Math.min(PAGE_SIZE, last - position + 1);
      const page = readPresentResponse(
        await session.exchange(presentRequest(position, count, source.syntax, source.elementSet)),
        position,
      );
      if (page.records.length === 0) {
        if (page.diagnostic && result.records.length === 0) throw diagnosticError(page.diagnostic);
        break;
      }
      for (const r of page.records.slice(0, last - position + 1)) {
        try {
          if ('diagnostic' in r) throw diagnosticError(r.diagnostic);
          result.records.push(readRecord(source, r.syntax, r.bytes));
        } catch (err) {
          result.skipped.push({ position: r.position, error: asCatalogError(err, 'CATALOG_BAD_RECORD') });
        }
      }
      position += page.records.length;
    }
    session.close(closeRequest());
    return settle(result);
  } catch (err) {
    throw asCatalogError(err, 'CATALOG_BAD_RESPONSE');
  } finally {
    d.dispose();
    session.destroy();
  }
}

function readRecord(source: Z3950Source, syntax: string | null, bytes: Uint8Array) {
  if (syntax === OID.xml || (syntax === null && bytes[0] === 0x3c)) {
    return toBibRecord(readMarcXmlText(new TextDecoder().decode(bytes)), source.format, source.name);
  }
  const hint: SourceFormat =
    source.format !== 'auto' ? source.format : syntax === OID.unimarc ? 'unimarc' : 'auto';
  return toBibRecord(readIso2709(bytes, source.charset, hint), hint, source.name);
}

function asCatalogError(err: unknown, code: 'CATALOG_BAD_RESPONSE' | 'CATALOG_BAD_RECORD'): CatalogError {
  if (err instanceof CatalogError) return err;
  if (err instanceof BerError)
    return new CatalogError('CATALOG_BAD_RESPONSE', `Z39.50: ${err.message}`, { cause: err });
  return new CatalogError(code, `Z39.50: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/** One TCP connection that sends a PDU and waits for the next whole PDU in answer. */
class Session {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (pdu: Tlv) => void; reject: (err: unknown) => void } | null = null;
  private failure: CatalogError | null = null;
  private closing = false;

  constructor(
    private readonly source: Z3950Source,
    private readonly signal: AbortSignal,
    private readonly why: () => CatalogError,
  ) {}

  connect(): Promise<void> {
    if (this.signal.aborted) return Promise.reject(this.why());
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.source.host, port: this.source.port });
      this.socket = socket;
      socket.setNoDelay(true);
      const onAbort = () => this.fail(this.why());
      this.signal.addEventListener('abort', onAbort, { once: true });
      socket.once('close', () => this.signal.removeEventListener('abort', onAbort));
      let connected = false;
      socket.once('connect', () => {
        connected = true;
        resolve();
      });
      socket.on('data', (chunk) => this.onData(chunk));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        const e = connected
          ? new CatalogError(
              'CATALOG_BAD_RESPONSE',
              `the connection failed mid-answer (${err.code ?? err.message})`,
            )
          : new CatalogError(
              'CATALOG_UNREACHABLE',
              `cannot reach ${this.source.host}:${this.source.port} (${err.code ?? err.message})`,
              { cause: err },
            );
        if (!connected) reject(this.failure ?? e);
        this.fail(e);
      });
      socket.on('close', () => {
        this.fail(
          new CatalogError(
            'CATALOG_BAD_RESPONSE',
            this.buffer.length
              ? `the server closed the connection in the middle of an answer (${this.buffer.length} bytes of it)`
              : 'the server closed the connection without answering',
          ),
        );
        reject(this.failure);
      });
    });
  }

  send(bytes: Uint8Array): void {
    if (this.socket && !this.socket.destroyed) this.socket.write(bytes);
  }

  exchange(bytes: Uint8Array): Promise<Tlv> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.send(bytes);
    });
  }

  /**
   * Ends the session politely: the Close PDU, then our half of the connection. The server's Close
   * answer is not awaited; a server that keeps the socket open is cut off after a second.
   */
  close(bytes: Uint8Array): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || this.failure) return;
    this.closing = true;
    socket.end(bytes);
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  destroy(): void {
    if (!this.closing) this.socket?.destroy();
  }

  private fail(err: CatalogError): void {
    if (!this.failure) this.failure = err;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
    this.socket?.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      const pdu = this.cut();
      if (!pdu) return;
      if (!this.waiting) throw new BerError('an answer nobody asked for');
      const w = this.waiting;
      this.waiting = null;
      w.resolve(decode(pdu));
    } catch (err) {
      this.fail(asCatalogError(err, 'CATALOG_BAD_RESPONSE'));
    }
  }

  /** The first whole PDU in the buffer, removed from it; null while more bytes are needed. */
  private cut(): Uint8Array | null {
    // Every Z39.50 PDU is a constructed, context-tagged value: anything else (an HTTP or SIP2
    // server on that port) is refused at once rather than waited on for a length that never comes.
    if (this.buffer.length > 0 && (this.buffer[0]! & 0xe0) !== 0xa0) {
      throw new BerError(
        `not a Z39.50 answer (first byte 0x${this.buffer[0]!.toString(16).padStart(2, '0')})`,
      );
    }
    const h = header(this.buffer);
    if (!h) return null;
    let total: number;
    if (h.length === null) {
      // Indefinite length: only a full decode tells where it ends.
      try {
        decode(this.buffer);
        total = this.buffer.length;
      } catch {
        if (this.buffer.length > MAX_PDU_BYTES) throw new BerError('an answer larger than 64 MiB');
        return null;
      }
    } else {
      total = h.headerLength + h.length;
      if (total > MAX_PDU_BYTES) throw new BerError(`an answer of ${total} bytes (more than 64 MiB)`);
      if (this.buffer.length < total) return null;
    }
    const pdu = this.buffer.subarray(0, total);
    this.buffer = this.buffer.subarray(total);
    return pdu;
  }
}
