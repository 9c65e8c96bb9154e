import fs from 'node:fs';
import { Binding, type BindingContext, ReopeningBinding } from './binding.js';
import type { DeviceInfo, OpenRfidReader, RfidReaderHandle } from './events.js';

/** An RFID reader on a serial line, through the opener the RFID drivers register. */
export class RfidBinding extends ReopeningBinding<RfidReaderHandle> {
  constructor(
    info: DeviceInfo,
    ctx: BindingContext,
    readonly opener: OpenRfidReader,
    readonly options: { kind: 'feig' | '3m'; path: string; baudRate?: number },
  ) {
    super(info, ctx);
  }

  protected override present(): boolean {
    return !this.options.path.startsWith('/') || fs.existsSync(this.options.path);
  }

  protected open() {
    return this.opener(this.options);
  }

  /** The pad monitor of the reader while it is connected. */
  get monitor() {
    return this.handle?.monitor;
  }

  protected attach(reader: RfidReaderHandle) {
    reader.onPresent((presence) => this.ctx.emit('rfid.present', { ...presence, deviceId: this.info.id }));
  }
}

/** A configured RFID reader while no RFID driver is registered: listed, with the reason. */
export class UnboundRfidBinding extends Binding {
  start(): void {
    this.setState('error', 'no RFID driver registered');
  }
  async stop(): Promise<void> {}
}
