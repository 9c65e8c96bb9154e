import type { UsbDeviceHandle } from '../usb/usb-bus.js';

/** Honeywell's USB vendor id (Metrologic before the merger). */
export const HONEYWELL_VENDOR_ID = 0x0c2e;

/** HID class request SET_REPORT, and the report type "feature" in wValue's high byte. */
const HID_SET_REPORT = 0x09;
const HID_REPORT_TYPE_FEATURE = 0x03;
const HONEYWELL_MODE_REPORT = 0xfe;

/**
 * Honeywell readers in HID POS mode do not send scanned-data reports until told to: feature report
 * 0xFE with the value 01. Sent as a HID SET_REPORT control transfer to the HID interface; the data
 * stage starts with the report id, as HID requires for numbered reports.
 */
export async function enableHoneywellHidPos(device: UsbDeviceHandle, interfaceNumber: number): Promise<void> {
  await device.controlTransferOut(
    {
      requestType: 'class',
      recipient: 'interface',
      request: HID_SET_REPORT,
      value: (HID_REPORT_TYPE_FEATURE << 8) | HONEYWELL_MODE_REPORT,
      index: interfaceNumber,
    },
    Uint8Array.of(HONEYWELL_MODE_REPORT, 0x01),
  );
}
