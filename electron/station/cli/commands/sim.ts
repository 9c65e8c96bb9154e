import readline from 'node:readline';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { SUFFIXES, suffixFromName } from '../../devices/barcode/serial-reader.js';
import { PRINTER_PROFILES } from '../../devices/printer/profiles.js';
import { TypeOfUsage } from '../../devices/rfid/model/types.js';
import type { SimOnPty } from '../../devices/rfid/sim-kit/serve-on-pty.js';
import {
  iso28560_2Tag,
  patronCard,
  type VirtualField,
  type VirtualTag,
} from '../../devices/rfid/sim-kit/virtual-field.js';
import { startThreeMSimulatorOnPty } from '../../devices/sim/3m/index.js';
import { BarcodeReaderSim } from '../../devices/sim/barcode/barcode-sim.js';
import { startFeigSimulatorOnPty } from '../../devices/sim/feig/index.js';
import { PrinterSim } from '../../devices/sim/printer/printer-sim.js';
import type { CliIo } from '../io.js';
import { stopSignal } from './devices.js';

/** A simulator running until the command ends. */
export interface RunningSim {
  stop(): Promise<void>;
}

/**
 * One simulator of `bitig sim`: its options, and how to start it. Adding a simulator (the RFID
 * readers, `feig` and `3m`) is one more entry in SIMULATORS.
 */
export interface SimulatorEntry {
  description: string;
  options(command: Command): Command;
  start(options: Record<string, unknown>, io: CliIo): Promise<RunningSim>;
}

const barcode: SimulatorEntry = {
  description: 'a serial barcode reader behind a pseudo-terminal: type a barcode and Enter to scan it',
  options: (c) =>
    c
      .option('--baud <rate>', 'baud rate', parsePositive, 9600)
      .addOption(
        new Option('--suffix <name>', 'what follows each barcode')
          .choices(Object.keys(SUFFIXES))
          .default('cr'),
      )
      .option('--aim <id>', 'send this AIM symbology id before each barcode (e.g. ]F0 for Codabar)')
      .option('--scan <text...>', 'scan these barcodes once started')
      .option('--no-stdin', 'do not read barcodes from standard input'),
  async start(o, io) {
    const sim = await BarcodeReaderSim.start({
      baudRate: o.baud as number,
      suffix: suffixFromName(o.suffix as string),
      ...(o.aim ? { aimId: o.aim as string } : {}),
    });
    io.out(`barcode reader on ${sim.path} (${sim.baudRate} baud, suffix ${o.suffix})`);
    for (const text of (o.scan as string[] | undefined) ?? []) {
      await sim.scan(text);
      io.out(`scanned ${text}`);
    }
    let rl: readline.Interface | undefined;
    if (o.stdin !== false) {
      io.out('type a barcode and press Enter to scan it; Ctrl-C ends');
      rl = readline.createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const text = line.trim();
        if (text) void sim.scan(text).then(() => io.out(`scanned ${text}`));
      });
    }
    return {
      stop: async () => {
        rl?.close();
        await sim.close();
      },
    };
  },
};

const printer: SimulatorEntry = {
  description: 'an ESC/POS receipt printer on a TCP port (and a serial line): saves each receipt as PNG',
  options: (c) =>
    c
      .option('--port <port>', 'TCP port (0: any free one)', parsePort, 9100)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--pty', 'also be a serial printer behind a pseudo-terminal')
      .addOption(
        new Option('--model <model>', 'printer model')
          .choices(Object.keys(PRINTER_PROFILES))
          .default('epson-80'),
      )
      .option('--out <dir>', 'where receipts are saved (default: a new temporary folder)')
      .option('--paper-out', 'start with no paper (status requests say so)'),
  async start(o, io) {
    const sim = await PrinterSim.start({
      tcp: { host: o.host as string, port: o.port as number },
      pty: Boolean(o.pty),
      model: o.model as string,
      paperOut: Boolean(o.paperOut),
      ...(o.out ? { outDir: o.out as string } : {}),
    });
    io.out(`receipt printer on tcp://${sim.host}:${sim.port}${sim.ptyPath ? ` and ${sim.ptyPath}` : ''}`);
    io.out(`receipts are saved in ${sim.outDir}`);
    sim.onReceipt((r) => io.out(`receipt ${r.index}: ${r.png}`));
    return { stop: () => sim.close() };
  },
};

/**
 * An RFID pad: tags given on the command line are on it from the start; on standard input,
 * `item <id>` / `card <id>` places a tag, `remove <id>` lifts it, `list` shows the pad.
 */
function rfidPad(
  family: string,
  defaultBaud: number,
  start: (baudRate: number) => Promise<SimOnPty<{ field: VirtualField }>>,
): SimulatorEntry {
  return {
    description: `a ${family} RFID reader behind a pseudo-terminal: place and lift ISO 28560 tags (items, cards)`,
    options: (c) =>
      c
        .option('--baud <rate>', 'baud rate', parsePositive, defaultBaud)
        .option('--item <id...>', 'book tags (ISO 28560-2) on the pad from the start')
        .option('--card <id...>', 'library cards (ISO 28560-3) on the pad from the start')
        .option('--isil <isil>', 'owner library (ISIL) on the book tags')
        .option(
          '--parts <n>',
          'parts per book: each --item becomes a set with this many tags',
          parsePositive,
          1,
        )
        .option('--no-stdin', 'do not read commands from standard input'),
    async start(o, io) {
      const served = await start(o.baud as number);
      const tags = new Map<string, VirtualTag[]>();
      const parts = Math.floor(o.parts as number);
      const place = (kind: 'item' | 'card', id: string) => {
        let made = tags.get(`${kind}:${id}`);
        if (!made) {
          made =
            kind === 'card'
              ? [patronCard(id, 'iso28560-3')]
              : Array.from({ length: parts }, (_, i) =>
                  iso28560_2Tag({
                    primaryItemId: id,
                    typeOfUsage: TypeOfUsage.circulating,
                    ...(o.isil ? { ownerIsil: o.isil as string } : {}),
                    ...(parts > 1 ? { setInfo: { parts, part: i + 1 } } : {}),
                  }),
                );
          tags.set(`${kind}:${id}`, made);
        }
        served.sim.field.place(...made);
        io.out(`placed ${kind} ${id}: ${made.map((t) => t.uid).join(' ')}`);
      };
      for (const id of (o.item as string[] | undefined) ?? []) place('item', id);
      for (const id of (o.card as string[] | undefined) ?? []) place('card', id);
      io.out(
        `${family} reader on ${served.path} (${o.baud} baud), ${served.sim.field.list().length} tag(s) on the pad`,
      );
      let rl: readline.Interface | undefined;
      if (o.stdin !== false) {
        io.out('commands: item <id>, card <id>, remove <id|uid>, list; Ctrl-C ends');
        rl = readline.createInterface({ input: process.stdin });
        rl.on('line', (text) => {
          const [command, arg] = text.trim().split(/\s+/);
          if ((command === 'item' || command === 'card') && arg) place(command, arg);
          else if (command === 'remove' && arg) {
            const uids = [...(tags.get(`item:${arg}`) ?? []), ...(tags.get(`card:${arg}`) ?? [])].map(
              (t) => t.uid,
            );
            served.sim.field.remove(...(uids.length ? uids : [arg]));
            io.out(`removed ${arg}`);
          } else if (command === 'list') {
            for (const t of served.sim.field.list())
              io.out(`${t.uid} AFI ${t.afi.toString(16).padStart(2, '0')} EAS ${t.eas ? 'on' : 'off'}`);
          } else if (command) io.out('commands: item <id>, card <id>, remove <id|uid>, list');
        });
      }
      return {
        stop: async () => {
          rl?.close();
          await served.close();
        },
      };
    },
  };
}

const feig = rfidPad('FEIG', 38400, (baudRate) => startFeigSimulatorOnPty({ baudRate }));
const threeM = rfidPad('3M', 19200, (baudRate) => startThreeMSimulatorOnPty({ baudRate }));

export const SIMULATORS: Record<string, SimulatorEntry> = { barcode, printer, feig, '3m': threeM };

export function registerSim(program: Command, io: CliIo, simulators = SIMULATORS): void {
  const sim = program
    .command('sim')
    .description('run a device simulator by hand (demos, trying a setup without hardware)');
  for (const [name, entry] of Object.entries(simulators)) {
    entry
      .options(sim.command(name).description(entry.description))
      .option('--for <seconds>', 'stop after this long (default: until Ctrl-C)', parsePositive)
      .action(async (opts: Record<string, unknown>) => {
        const running = await entry.start(opts, io);
        try {
          await stopSignal(opts.for as number | undefined);
        } finally {
          await running.stop();
        }
      });
  }
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number');
  return n;
}
