import type { ByteTransport } from '../transport/byte-transport.js';
import { type FrameCodec, FrameLink, type LinkOptions } from '../transport/frame-link.js';
import { bitsPerByte, type SerialOptions } from '../transport/serial.js';

export type SerialLine = Pick<SerialOptions, 'baudRate' | 'dataBits' | 'parity' | 'stopBits'>;

/**
 * What every serial reader driver shares: the framed link to the reader, its line settings for the
 * wire-time figures, line counters, disconnect notices and closing. The drivers add their commands.
 */
export abstract class SerialReader<Frame> {
  protected readonly link: FrameLink<Frame>;
  protected readonly baudRate: number;

  protected constructor(
    transport: ByteTransport,
    codec: FrameCodec<Frame>,
    private readonly line: SerialLine,
    baudRate: number | undefined,
    linkOptions: LinkOptions,
  ) {
    this.baudRate = baudRate ?? line.baudRate;
    this.link = new FrameLink(transport, codec, linkOptions);
  }

  /** Bytes exchanged and the line's speed: what the benchmarks turn into a wire-time floor. */
  get wire() {
    return { ...this.link.transport.stats, baudRate: this.baudRate, bitsPerByte: bitsPerByte(this.line) };
  }

  /** Damaged answers, timeouts and retries seen on the line. */
  get lineCounters() {
    return { ...this.link.counters };
  }

  onDisconnect(listener: (error: Error) => void): () => void {
    return this.link.transport.onClose((error) => {
      if (error) listener(error);
    });
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
