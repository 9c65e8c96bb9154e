import { z } from 'zod';
import { PRINTER_PROFILES } from '../printer/profiles.js';

export const DEVICE_KINDS = ['barcode', 'rfid', 'printer'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A USB id as a number or as the hex string lsusb prints (`"0c2e"`, `"0x0c2e"`). */
const UsbIdValue = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/)
    .transform((s) => Number.parseInt(s.replace(/^0x/, ''), 16)),
]);

/**
 * One device the site set up by hand. Serial devices need `path` (and usually `baud`); network
 * printers `host` (and `port`, 9100 by default); USB devices `vendorId`/`productId`, to bind a
 * driver to a device the built-in table does not know. `model` is the printer profile for
 * printers and `feig` or `3m` for RFID readers.
 */
export const DeviceConfig = z
  .object({
    id: z
      .string()
      .regex(/^[\w.:-]{1,64}$/)
      .optional(),
    name: z.string().min(1).max(100).optional(),
    kind: z.enum(DEVICE_KINDS),
    transport: z.enum(['serial', 'usb', 'tcp']),
    path: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    baud: z.number().int().positive().optional(),
    parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).optional(),
    dataBits: z.union([z.literal(7), z.literal(8)]).optional(),
    stopBits: z.union([z.literal(1), z.literal(2)]).optional(),
    /** Barcode readers: `cr` (default), `lf`, `crlf`, `tab`, `none`, or the characters themselves. */
    suffix: z.string().max(8).optional(),
    /** Barcode readers set up to send the AIM symbology id before the data. */
    aimId: z.boolean().optional(),
    vendorId: UsbIdValue.optional(),
    productId: UsbIdValue.optional(),
    model: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    const need = (field: keyof typeof d, why: string) => {
      if (d[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (d.transport === 'serial') need('path', 'a serial device needs its port path');
    if (d.transport === 'tcp') {
      need('host', 'a network device needs its host');
      if (d.kind !== 'printer') {
        ctx.addIssue({ code: 'custom', path: ['transport'], message: 'only printers connect over TCP' });
      }
    }
    if (d.transport === 'usb') {
      need('vendorId', 'a USB device needs its vendor id');
      need('productId', 'a USB device needs its product id');
    }
    if (d.kind === 'rfid') {
      if (d.model !== 'feig' && d.model !== '3m') {
        ctx.addIssue({ code: 'custom', path: ['model'], message: 'an RFID reader is model "feig" or "3m"' });
      }
      if (d.transport !== 'serial') {
        ctx.addIssue({ code: 'custom', path: ['transport'], message: 'RFID readers connect over serial' });
      }
    }
    if (d.kind === 'printer' && d.model !== undefined && !(d.model in PRINTER_PROFILES)) {
      ctx.addIssue({
        code: 'custom',
        path: ['model'],
        message: `unknown printer model (known: ${Object.keys(PRINTER_PROFILES).join(', ')})`,
      });
    }
  });
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** The site's devices. Anything not listed is still found by USB id or as a serial port. */
export const DevicesConfig = z.array(DeviceConfig).superRefine((list, ctx) => {
  const ids = new Set<string>();
  list.forEach((d, i) => {
    const id = configuredDeviceId(d);
    if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate device "${id}"` });
    ids.add(id);
  });
});
export type DevicesConfig = z.infer<typeof DevicesConfig>;

/** The id a configured device goes by: its own, or one made from where it is. */
export function configuredDeviceId(d: DeviceConfig): string {
  if (d.id) return d.id;
  if (d.transport === 'serial') return `${d.kind}:${d.path}`;
  if (d.transport === 'tcp') return `${d.kind}:${d.host}:${d.port ?? 9100}`;
  const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(4, '0');
  return `${d.kind}:usb:${hex(d.vendorId)}:${hex(d.productId)}`;
}
