import net from 'node:net';
import { type PrinterTransport, PrinterUnreachableError, ReplyReader } from './transport.js';

/** A network printer's raw port (9100, "JetDirect"): bytes in, status bytes out, one connection. */
export class TcpPrinterTransport implements PrinterTransport {
  readonly address: string;
  #socket: net.Socket | undefined;
  readonly #replies = new ReplyReader();

  constructor(
    readonly host: string,
    readonly port = 9100,
    readonly connectTimeoutMs = 3000,
  ) {
    this.address = `tcp://${host}:${port}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      let connected = false;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new PrinterUnreachableError(`${this.address}: no connection within ${this.connectTimeoutMs} ms`),
        );
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        socket.setNoDelay(true);
        this.#socket = socket;
        resolve();
      });
      // Kept for the socket's whole life: a reset after connecting must not become an uncaught error.
      socket.on('error', (err) => {
        clearTimeout(timer);
        if (this.#socket === socket) this.#socket = undefined;
        if (!connected) reject(new PrinterUnreachableError(`${this.address}: ${err.message}`));
      });
      socket.on('data', (chunk) => this.#replies.push(chunk));
      socket.on('close', () => {
        if (this.#socket === socket) this.#socket = undefined;
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new PrinterUnreachableError(`${this.address}: not connected`));
    return new Promise((resolve, reject) =>
      socket.write(data, (err) =>
        err ? reject(new PrinterUnreachableError(`${this.address}: ${err.message}`)) : resolve(),
      ),
    );
  }

  request(data: Uint8Array, length: number, timeoutMs: number): Promise<Uint8Array> {
    return this.#replies.request(() => this.write(data), length, timeoutMs);
  }

  close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket) return Promise.resolve();
    // end() lets the printer receive everything written before the connection closes.
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 2000).unref();
    });
  }
}
