import { describe, expect, it } from 'vitest';
import { configuredDeviceId, DevicesConfig } from '../../../electron/station/devices/manager/config.js';

describe('DevicesConfig', () => {
  it('accepts the usual kiosk set-up', () => {
    const config = DevicesConfig.parse([
      { kind: 'barcode', transport: 'serial', path: '/dev/ttyACM0', baud: 9600, suffix: 'crlf' },
      { kind: 'printer', transport: 'tcp', host: '10.0.0.20', model: 'epson-80' },
      { kind: 'rfid', transport: 'serial', path: '/dev/ttyUSB0', baud: 38400, model: 'feig' },
      { kind: 'printer', transport: 'usb', vendorId: '0x0416', productId: '5011', model: 'clone-58' },
    ]);
    expect(config[3]).toMatchObject({ vendorId: 0x0416, productId: 0x5011 });
    expect(config.map(configuredDeviceId)).toEqual([
      'barcode:/dev/ttyACM0',
      'printer:10.0.0.20:9100',
      'rfid:/dev/ttyUSB0',
      'printer:usb:0416:5011',
    ]);
  });

  it('says what is missing or wrong', () => {
    const bad = DevicesConfig.safeParse([
      { kind: 'barcode', transport: 'serial' },
      { kind: 'barcode', transport: 'tcp', host: 'x' },
      { kind: 'rfid', transport: 'serial', path: '/dev/x', model: 'acme' },
      { kind: 'printer', transport: 'tcp', host: 'p', model: 'nonesuch' },
      { kind: 'printer', transport: 'usb', vendorId: 1 },
    ]);
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['0.path', '1.transport', '2.model', '3.model', '4.productId']),
    );
  });

  it('refuses two devices with the same id', () => {
    const dup = DevicesConfig.safeParse([
      { kind: 'barcode', transport: 'serial', path: '/dev/a' },
      { kind: 'barcode', transport: 'serial', path: '/dev/a' },
    ]);
    expect(dup.success).toBe(false);
  });
});
