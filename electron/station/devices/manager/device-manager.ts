import { SerialPort } from 'serialport';
import type { Language } from '../../contract/index.js';
import type { Receipt } from '../../contract/kiosk.js';
import { EventHub } from '../../events.js';
import { suffixFromName } from '../barcode/serial-reader.js';
import type { ReceiptFonts } from '../printer/fonts.js';
import { printerProfile } from '../printer/profiles.js';
import { PrinterError, type PrintResult } from '../printer/receipt-printer.js';
import { receiptDocument } from '../printer/receipt-template.js';
import { SerialPrinterTransport } from '../printer/serial-transport.js';
import { UNREACHABLE } from '../printer/status.js';
import { TcpPrinterTransport } from '../printer/tcp-transport.js';
import { UsbPrinterTransport } from '../printer/usb-transport.js';
import type { PadMonitor } from '../rfid/pad/pad-monitor.js';
import type { UsbBus, UsbDeviceHandle } from '../usb/usb-bus.js';
import { usbDeviceKey, usbId } from '../usb/usb-bus.js';
import { openWebUsbBus } from '../usb/webusb-bus.js';
import { HidBarcodeBinding, SerialBarcodeBinding } from './barcode-bindings.js';
import type { Binding, BindingContext } from './binding.js';
import { configuredDeviceId, type DeviceConfig, type DevicesConfig } from './config.js';
import type { DeviceEvents, DeviceInfo, OpenRfidReader } from './events.js';
import { PrinterBinding } from './printer-binding.js';
import { RfidBinding, UnboundRfidBinding } from './rfid-binding.js';
import { padReaderOpener } from './rfid-pad.js';
import { matchUsbDevice, SERIAL_BARCODE_VENDORS } from './usb-table.js';

/** A serial port as the OS lists it (serialport's `list()`). */
export interface SerialPortListing {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
}

export interface DeviceManagerOptions {
  /** The site's devices (already validated with `DevicesConfig`). */
  config?: DevicesConfig;
  /** The USB bus; `null` for none. By default the real one, when this machine has USB. */
  usb?: UsbBus | null;
  /** Lists serial ports; `null` turns serial discovery off. serialport's list by default. */
  listSerialPorts?: (() => Promise<SerialPortListing[]>) | null;
  /** How often to look for devices that are away (serial ports, paths). */
  pollMs?: number;
  /** How often to ask printers for their status. */
  printerPollMs?: number;
  /**
   * Opens RFID readers; the RFID drivers with a pad monitor by default. `null`: no RFID (configured
   * readers are listed with an error).
   */
  openRfidReader?: OpenRfidReader | null;
  fonts?: ReceiptFonts;
}

/**
 * Finds the station's devices, binds a driver to each, keeps them bound across unplugging, and
 * publishes what they do as normalized events: `barcode.scanned`, `rfid.present`, `device.status`.
 *
 * Devices come from three places: the site's configuration (serial paths, network printers, USB
 * ids), the USB bus (attach/detach, bound by the vendor/product table), and the serial port list
 * (barcode readers in CDC-ACM mode, by vendor id).
 */
export class DeviceManager {
  readonly #events = new EventHub<DeviceEvents>();
  readonly #bindings = new Map<string, Binding>();
  /** Configured USB devices: binding id → the config. */
  readonly #configuredUsb = new Map<string, DeviceConfig>();
  /** Plugged-in USB devices → the binding id they went to. */
  readonly #usbBound = new Map<UsbDeviceHandle, string>();
  readonly #ctx: BindingContext;
  #usb: UsbBus | null = null;
  /** Whether the bus was opened here (and so is closed here), rather than handed in. */
  #ownBus = false;
  #unsubscribe: (() => void)[] = [];
  #serialTimer: NodeJS.Timeout | undefined;
  #scanning = false;
  #started = false;

  constructor(readonly options: DeviceManagerOptions = {}) {
    this.#ctx = {
      pollMs: options.pollMs ?? 1000,
      status: (info) =>
        this.#emit('device.status', {
          id: info.id,
          kind: info.kind,
          name: info.name,
          state: info.state,
          ...(info.detail !== undefined ? { detail: info.detail } : {}),
        }),
      emit: (topic, payload) => this.#emit(topic, payload),
    };
  }

  on<T extends keyof DeviceEvents>(topic: T, listener: (payload: DeviceEvents[T]) => void): () => void {
    return this.#events.on(topic, listener);
  }

  /** Every device known now, with its state. */
  list(): DeviceInfo[] {
    return [...this.#bindings.values()].map((b) => ({ ...b.info }));
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    for (const device of this.options.config ?? []) this.#bindConfigured(device);
    this.#ownBus = this.options.usb === undefined;
    this.#usb = this.#ownBus ? await openWebUsbBus().catch(() => null) : (this.options.usb ?? null);
    if (this.#usb) {
      this.#unsubscribe.push(
        this.#usb.onAttach((d) => this.#usbAttached(d)),
        this.#usb.onDetach((d) => void this.#usbDetached(d)),
      );
      for (const d of await this.#usb.getDevices()) this.#usbAttached(d);
    }
    for (const [id] of this.#configuredUsb) {
      if (![...this.#usbBound.values()].includes(id)) {
        const binding = this.#bindings.get(id);
        if (binding instanceof HidBarcodeBinding) binding.start();
        if (binding instanceof PrinterBinding) binding.start();
      }
    }
    if (this.options.listSerialPorts !== null) {
      await this.#scanSerial();
      this.#serialTimer = setInterval(() => void this.#scanSerial(), this.#ctx.pollMs);
    }
  }

  async stop(): Promise<void> {
    this.#started = false;
    clearInterval(this.#serialTimer);
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#ownBus) this.#usb?.close();
    this.#usb = null;
    await Promise.all([...this.#bindings.values()].map((b) => b.stop().catch(() => undefined)));
    this.#bindings.clear();
    this.#usbBound.clear();
    this.#configuredUsb.clear();
  }

  /** The printer with this id, or the first one that can be reached. */
  printer(id?: string): PrinterBinding | undefined {
    const printers = [...this.#bindings.values()].filter(
      (b): b is PrinterBinding => b instanceof PrinterBinding,
    );
    if (id) return printers.find((p) => p.info.id === id);
    return (
      printers.find((p) => p.printer && p.info.state !== 'disconnected') ?? printers.find((p) => p.printer)
    );
  }

  /** The pad monitor of an RFID reader (the first connected one without an id), for security writes. */
  rfidPad(id?: string): PadMonitor | undefined {
    const readers = [...this.#bindings.values()].filter((b): b is RfidBinding => b instanceof RfidBinding);
    const chosen = id ? readers.find((r) => r.info.id === id) : readers.find((r) => r.monitor);
    return chosen?.monitor;
  }

  /**
   * Prints the kiosk's receipt in the patron's language. Throws `PrinterError` (with the printer's
   * state) when there is no printer or it cannot print; staff also see that as `device.status`.
   */
  async printReceipt(
    receipt: Receipt,
    language: Language,
    options: { printerId?: string; timeZone?: string; patronName?: 'masked' | 'full' } = {},
  ): Promise<PrintResult> {
    const binding = this.printer(options.printerId);
    const printer = binding?.printer;
    if (!binding || !printer)
      throw new PrinterError(UNREACHABLE, 'no receipt printer is set up or plugged in');
    try {
      const result = await printer.print(
        receiptDocument(receipt, language, {
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          patronName: options.patronName ?? 'masked',
        }),
      );
      binding.report(result.status);
      return result;
    } catch (err) {
      if (err instanceof PrinterError) binding.report(err.status);
      throw err;
    }
  }

  #emit<T extends keyof DeviceEvents>(topic: T, payload: DeviceEvents[T]) {
    this.#events.emit(topic, payload);
  }

  #add(binding: Binding, start = true) {
    this.#bindings.set(binding.info.id, binding);
    if (start) binding.start();
  }

  #bindConfigured(d: DeviceConfig) {
    const id = configuredDeviceId(d);
    const base = { id, kind: d.kind, source: 'config' as const, state: 'disconnected' as const };
    const line = {
      baudRate: d.baud ?? (d.kind === 'printer' ? 38400 : 9600),
      ...(d.parity ? { parity: d.parity } : {}),
      ...(d.dataBits ? { dataBits: d.dataBits } : {}),
      ...(d.stopBits ? { stopBits: d.stopBits } : {}),
    };
    if (d.transport === 'usb') {
      const address = usbId(d.vendorId ?? 0, d.productId ?? 0);
      const info: DeviceInfo = {
        ...base,
        name: d.name ?? `USB ${d.kind} ${address}`,
        transport: 'usb',
        address,
      };
      this.#configuredUsb.set(id, d);
      if (d.kind === 'barcode') this.#add(new HidBarcodeBinding(info, this.#ctx), false);
      else if (d.kind === 'printer') {
        const profile = printerProfile(d.model);
        this.#add(
          new PrinterBinding({ ...info, model: profile.id }, this.#ctx, profile, this.#printerOptions(true)),
          false,
        );
      }
      return;
    }
    if (d.kind === 'printer') {
      const profile = printerProfile(d.model);
      const tcp = d.transport === 'tcp';
      const address = tcp ? `${d.host}:${d.port ?? 9100}` : d.path!;
      const transport = tcp
        ? new TcpPrinterTransport(d.host!, d.port ?? 9100)
        : new SerialPrinterTransport({ path: d.path!, ...line });
      const info: DeviceInfo = {
        ...base,
        name: d.name ?? `Receipt printer ${address}`,
        transport: d.transport,
        address,
        model: profile.id,
      };
      this.#add(new PrinterBinding(info, this.#ctx, profile, { ...this.#printerOptions(!tcp), transport }));
      return;
    }
    const path = d.path!;
    if (d.kind === 'barcode') {
      const info: DeviceInfo = {
        ...base,
        name: d.name ?? `Barcode reader ${path}`,
        transport: 'serial',
        address: path,
      };
      this.#add(
        new SerialBarcodeBinding(info, this.#ctx, {
          path,
          ...line,
          suffix: suffixFromName(d.suffix ?? 'cr'),
          ...(d.aimId ? { aimId: true } : {}),
        }),
      );
      return;
    }
    const kind = d.model === '3m' ? '3m' : 'feig';
    const info: DeviceInfo = {
      ...base,
      name: d.name ?? `${kind === '3m' ? '3M' : 'FEIG'} RFID reader ${path}`,
      transport: 'serial',
      address: path,
      model: kind,
    };
    const opener =
      this.options.openRfidReader === undefined ? padReaderOpener() : this.options.openRfidReader;
    if (!opener) {
      this.#add(new UnboundRfidBinding(info, this.#ctx));
      return;
    }
    // Each reader family has its own line settings (FEIG 38400 8E1, 3M 19200 8N1); only a configured
    // baud rate overrides them.
    this.#add(
      new RfidBinding(info, this.#ctx, opener, { kind, path, ...(d.baud ? { baudRate: d.baud } : {}) }),
    );
  }

  #printerOptions(persistent: boolean) {
    return {
      statusPollMs: this.options.printerPollMs ?? 10_000,
      persistent,
      ...(this.options.fonts ? { fonts: this.options.fonts } : {}),
    };
  }

  #usbAttached(device: UsbDeviceHandle) {
    if (!this.#started || this.#usbBound.has(device)) return;
    // A configured device takes precedence over the table: the site said what it is.
    for (const [id, d] of this.#configuredUsb) {
      if (d.vendorId !== device.vendorId || d.productId !== device.productId) continue;
      if ([...this.#usbBound.values()].includes(id)) continue;
      const binding = this.#bindings.get(id);
      this.#usbBound.set(device, id);
      if (binding instanceof HidBarcodeBinding) binding.attachDevice(device);
      if (binding instanceof PrinterBinding) binding.attachTransport(new UsbPrinterTransport(device));
      return;
    }
    const match = matchUsbDevice(device);
    if (!match) return;
    const id = `usb:${usbDeviceKey(device)}`;
    const info: DeviceInfo = {
      id,
      kind: match.kind,
      name: device.productName ?? match.name,
      transport: 'usb',
      address: usbId(device.vendorId, device.productId),
      source: 'usb',
      state: 'disconnected',
    };
    this.#usbBound.set(device, id);
    if (match.driver === 'hid-pos') this.#add(new HidBarcodeBinding(info, this.#ctx, device));
    else {
      const profile = printerProfile(match.model);
      this.#add(
        new PrinterBinding({ ...info, model: profile.id }, this.#ctx, profile, {
          ...this.#printerOptions(true),
          transport: new UsbPrinterTransport(device),
        }),
      );
    }
  }

  async #usbDetached(device: UsbDeviceHandle) {
    const id = this.#usbBound.get(device);
    if (!id) return;
    this.#usbBound.delete(device);
    const binding = this.#bindings.get(id);
    if (!binding) return;
    if (binding instanceof HidBarcodeBinding) await binding.detachDevice();
    if (binding instanceof PrinterBinding) await binding.detachTransport();
    // Devices found on the bus leave the list with the device; configured ones stay, disconnected.
    if (binding.info.source === 'usb') {
      await binding.stop();
      this.#bindings.delete(id);
    }
  }

  async #scanSerial() {
    // A slow port listing must not pile up behind the timer.
    if (this.#scanning) return;
    this.#scanning = true;
    try {
      await this.#scanSerialOnce();
    } finally {
      this.#scanning = false;
    }
  }

  async #scanSerialOnce() {
    const list = this.options.listSerialPorts ?? (() => SerialPort.list());
    let ports: SerialPortListing[];
    try {
      ports = await list();
    } catch {
      return;
    }
    if (!this.#started) return;
    const configuredPaths = new Set((this.options.config ?? []).map((d) => d.path).filter(Boolean));
    const seen = new Set<string>();
    for (const port of ports) {
      const vendor = port.vendorId ? Number.parseInt(port.vendorId, 16) : Number.NaN;
      if (!SERIAL_BARCODE_VENDORS.has(vendor) || configuredPaths.has(port.path)) continue;
      const id = `serial:${port.path}`;
      seen.add(id);
      if (this.#bindings.has(id)) continue;
      const info: DeviceInfo = {
        id,
        kind: 'barcode',
        name: port.manufacturer ? `${port.manufacturer} barcode reader` : 'Barcode reader',
        transport: 'serial',
        address: port.path,
        source: 'serial',
        state: 'disconnected',
      };
      this.#add(new SerialBarcodeBinding(info, this.#ctx, { path: port.path, baudRate: 9600, suffix: '\r' }));
    }
    for (const [id, binding] of this.#bindings) {
      if (binding.info.source !== 'serial' || seen.has(id)) continue;
      // The port left the OS's list: the reader was unplugged. Said first, then let go.
      if (binding.info.state !== 'disconnected') {
        binding.info.state = 'disconnected';
        binding.info.detail = 'unplugged';
        this.#ctx.status(binding.info);
      }
      this.#bindings.delete(id);
      await binding.stop();
    }
  }
}
