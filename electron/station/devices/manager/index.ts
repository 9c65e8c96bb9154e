export type { Binding, BindingContext } from './binding.js';
export {
  configuredDeviceId,
  DEVICE_KINDS,
  DeviceConfig,
  type DeviceKind,
  DevicesConfig,
} from './config.js';
export { DeviceManager, type DeviceManagerOptions, type SerialPortListing } from './device-manager.js';
export type {
  BarcodeScannedEvent,
  DeviceEvents,
  DeviceInfo,
  DeviceState,
  DeviceStatusEvent,
  OpenRfidReader,
  RfidPresence,
  RfidPresentEvent,
  RfidReaderHandle,
} from './events.js';
export { PrinterBinding } from './printer-binding.js';
export { matchUsbDevice, USB_TABLE, type UsbTableEntry } from './usb-table.js';
