import type {
  SaneAddon,
  SaneHandle,
  SaneOptionDescriptor,
  SaneParameters,
  SaneSetResult,
  SaneValue,
} from './addon-types.js';
import { asSaneError } from './sane-error.js';

/** Calls the addon and gives whatever it throws the SaneError class. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asSaneError(err) ?? err;
  }
}

async function guardedAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asSaneError(err) ?? err;
  }
}

/**
 * One open SANE device, with options by name. Keeps the option descriptors and reads them again
 * when a change tells it to (SANE's "reload options" flag: choosing ADF can change the geometry
 * ranges, choosing Lineart can hide the depth option).
 */
export class SaneDevice {
  private descriptors: SaneOptionDescriptor[] | undefined;

  private constructor(
    private readonly addon: SaneAddon,
    private readonly handle: SaneHandle,
    readonly name: string,
  ) {}

  static async open(addon: SaneAddon, name: string): Promise<SaneDevice> {
    const handle = await guardedAsync(() => addon.open(name));
    return new SaneDevice(addon, handle, name);
  }

  options(): SaneOptionDescriptor[] {
    this.descriptors ??= guarded(() => this.addon.getOptions(this.handle));
    return this.descriptors;
  }

  /** The named option when the device has it and it is active now. */
  option(name: string): SaneOptionDescriptor | undefined {
    return this.options().find((o) => o.name === name && o.type !== 'group' && o.active);
  }

  get(name: string | number): SaneValue {
    return guarded(() => this.addon.getOption(this.handle, name));
  }

  set(name: string | number, value: SaneValue): SaneSetResult {
    const result = guarded(() => this.addon.setOption(this.handle, name, value));
    if (result.reloadOptions) this.descriptors = undefined;
    return result;
  }

  start(): Promise<void> {
    return guardedAsync(() => this.addon.start(this.handle));
  }

  parameters(): SaneParameters {
    return guarded(() => this.addon.getParameters(this.handle));
  }

  /** Reads one frame to its end (SANE_STATUS_EOF); `onBytes` sees the running total. */
  async readFrame(onBytes?: (bytes: number) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    await guardedAsync(() =>
      this.addon.read(this.handle, (chunk) => {
        chunks.push(chunk);
        bytes += chunk.length;
        onBytes?.(bytes);
      }),
    );
    return Buffer.concat(chunks, bytes);
  }

  /** Safe at any moment: a start or read in flight ends with `cancelled`. */
  cancel(): void {
    guarded(() => this.addon.cancel(this.handle));
  }

  close(): void {
    guarded(() => this.addon.close(this.handle));
  }
}
