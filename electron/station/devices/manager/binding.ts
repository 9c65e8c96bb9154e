import type { DeviceEvents, DeviceInfo, DeviceState } from './events.js';

/** What a binding may do with the manager: report its state, publish device events. */
export interface BindingContext {
  status(info: DeviceInfo): void;
  emit<T extends keyof DeviceEvents>(topic: T, payload: DeviceEvents[T]): void;
  /** How often to look again for a device that is away. */
  pollMs: number;
}

/** A device and the driver bound to it, from discovery until the manager lets go of it. */
export abstract class Binding {
  #published = false;

  constructor(
    readonly info: DeviceInfo,
    protected readonly ctx: BindingContext,
  ) {}

  abstract start(): void;
  abstract stop(): Promise<void>;

  /** Records the state and publishes `device.status` when it changed (always the first time). */
  protected setState(state: DeviceState, detail?: string): void {
    if (this.#published && this.info.state === state && this.info.detail === detail) return;
    this.#published = true;
    this.info.state = state;
    if (detail === undefined) delete this.info.detail;
    else this.info.detail = detail;
    this.ctx.status(this.info);
  }
}

/** A handle to an opened device that says when it goes away. */
export interface Closable {
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/**
 * A device that is opened by path and may be unplugged: while it is away, try again every
 * `pollMs`, and publish connected / disconnected as it comes and goes.
 */
export abstract class ReopeningBinding<H extends Closable> extends Binding {
  #handle: H | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  /** The opened device, while it is connected. */
  protected get handle(): H | undefined {
    return this.#handle;
  }

  protected abstract open(): Promise<H>;
  /** Subscribes to the opened device's events. */
  protected abstract attach(handle: H): void;
  /** Whether the device is present at all, before trying to open it. */
  protected present(): boolean {
    return true;
  }

  start(): void {
    this.#stopped = false;
    void this.#attempt();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  async #attempt(): Promise<void> {
    if (this.#stopped) return;
    if (!this.present()) {
      this.setState('disconnected', 'not plugged in');
      this.#retry();
      return;
    }
    let handle: H;
    try {
      handle = await this.open();
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      // "No such file" is a device that left between the check and the open; anything else
      // (permission, port busy) needs a person.
      this.setState(/ENOENT|no such file|cannot open/i.test(message) ? 'disconnected' : 'error', message);
      this.#retry();
      return;
    }
    if (this.#stopped) {
      await handle.close();
      return;
    }
    this.#handle = handle;
    this.attach(handle);
    handle.onClose((error) => {
      if (this.#handle !== handle) return;
      this.#handle = undefined;
      if (this.#stopped) return;
      this.setState('disconnected', error?.message ?? 'closed');
      this.#retry();
    });
    this.setState('connected');
  }

  #retry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#attempt(), this.ctx.pollMs);
  }
}
