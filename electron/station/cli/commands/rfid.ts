import { type Command, InvalidArgumentError, Option } from 'commander';
import { TagDecodeError, TagEncodeError } from '../../devices/rfid/errors.js';
import { decodeTag, type ModelChoice } from '../../devices/rfid/model/detect.js';
import { encodeIso28560_2 } from '../../devices/rfid/model/iso28560-2.js';
import { encodeIso28560_3 } from '../../devices/rfid/model/iso28560-3.js';
import type { DecodedTag } from '../../devices/rfid/model/types.js';
import { parseUsage, USAGE_NAMES } from '../../devices/rfid/model/usage.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';

const HELP = `
Library RFID tag data, offline: decode a memory dump, or build the bytes to write.
Examples:
  bitig rfid decode 11010133313030303030303432000000000000909A555A2D54614E4C000000000000
  bitig rfid decode "91 00 05 1C BE 99 1A 14 00" --model iso28560-2 --json
  bitig rfid encode --model iso28560-3 --item 31000000000042 --isil UZ-TaNL --parts 2 --part 1
  bitig rfid encode --model iso28560-2 --item 21000000001234 --usage patron-card
Exit codes: 0 ok, 1 the tag does not decode, 2 bad arguments or a value the model cannot carry.`;

function parseHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:,-]/g, '').replace(/^0x/i, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(clean))
    throw new InvalidArgumentError('expected hex bytes (e.g. "11 03 02 33")');
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) =>
    Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16),
  );
}

function parseCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 255) throw new InvalidArgumentError('expected 1..255');
  return value;
}

function parseByte(text: string): number {
  const value = /^0x/i.test(text) ? Number.parseInt(text, 16) : Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 255)
    throw new InvalidArgumentError('expected 0..255 or 0x00..0xFF');
  return value;
}

function usageArg(text: string): number {
  const value = parseUsage(text);
  if (value === undefined)
    throw new InvalidArgumentError(`expected 0..15 or one of ${Object.values(USAGE_NAMES).join(', ')}`);
  return value;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** The decoded fields as aligned "name  value" lines. */
function formatTag(tag: DecodedTag, detected: boolean): string {
  const lines: [string, string][] = [['model', `${tag.model}${detected ? ' (detected)' : ''}`]];
  for (const [key, value] of Object.entries(tag)) {
    if (key === 'model' || key === 'warnings' || value === undefined) continue;
    let text: string;
    if (key === 'setInfo') text = `part ${tag.setInfo!.part} of ${tag.setInfo!.parts}`;
    else if (key === 'typeOfUsage')
      text = `${value}${USAGE_NAMES[value as number] ? ` (${USAGE_NAMES[value as number]})` : ''}`;
    else if (key === 'extensionBlocks')
      text = tag.extensionBlocks!.map((b) => `id ${b.id}: ${b.data}`).join('; ');
    else text = Array.isArray(value) ? value.join(', ') : String(value);
    lines.push([key, text]);
  }
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  const out = lines.map(([k, v]) => `${k.padEnd(width)}${v}`);
  for (const warning of tag.warnings) out.push(`warning: ${warning}`);
  return out.join('\n');
}

interface DecodeOpts {
  model: ModelChoice;
  dsfid?: number;
  json?: boolean;
}

interface EncodeOpts {
  model: 'iso28560-2' | 'iso28560-3';
  item: string;
  isil?: string;
  parts?: number;
  part?: number;
  usage?: number;
  shelf?: string;
  title?: string;
  lock?: boolean;
  json?: boolean;
}

export function registerRfid(program: Command, io: CliIo): void {
  const rfid = program
    .command('rfid')
    .description('decode and encode library RFID tag data (ISO 28560-2, ISO 28560-3, 3M)')
    .addHelpText('after', HELP);

  rfid
    .command('decode <hex>')
    .description('decode tag memory (hex, block 0 first, in tag byte order)')
    .addOption(
      new Option('--model <model>', 'data model')
        .choices(['auto', 'iso28560-2', 'iso28560-3', '3m'])
        .default('auto'),
    )
    .option('--dsfid <byte>', 'the DSFID the reader reported (0x06 announces ISO 28560-2)', parseByte)
    .option('--json', 'print JSON')
    .action((hex: string, opts: DecodeOpts) => {
      let bytes: Uint8Array;
      try {
        bytes = parseHex(hex);
      } catch (err) {
        throw new CliExit(EXIT.USAGE, `bitig rfid decode: ${(err as Error).message}`);
      }
      let tag: DecodedTag;
      try {
        tag = decodeTag(bytes, { model: opts.model, ...(opts.dsfid !== undefined && { dsfid: opts.dsfid }) });
      } catch (err) {
        if (!(err instanceof TagDecodeError)) throw err;
        const where = err.offset !== undefined ? ` (at byte ${err.offset})` : '';
        if (opts.json)
          io.out(
            JSON.stringify(
              { ok: false, error: { code: err.code, message: err.message, offset: err.offset } },
              null,
              2,
            ),
          );
        throw new CliExit(
          EXIT.FAILURE,
          `bitig rfid decode: not a valid tag: ${err.message}${where} [${err.code}]`,
        );
      }
      const detected = opts.model === 'auto';
      io.out(opts.json ? JSON.stringify({ ok: true, detected, ...tag }, null, 2) : formatTag(tag, detected));
    });

  rfid
    .command('encode')
    .description('build tag memory for an item or patron card and print it as hex')
    .addOption(
      new Option('--model <model>', 'data model').choices(['iso28560-2', 'iso28560-3']).makeOptionMandatory(),
    )
    .requiredOption('--item <id>', 'primary item identifier (barcode, or patron card number)')
    .option('--isil <isil>', 'owner institution ISIL')
    .option('--parts <n>', 'number of parts in the set', parseCount)
    .option('--part <n>', "this part's number", parseCount)
    .option('--usage <usage>', `type of usage: 0..15 or ${Object.values(USAGE_NAMES).join(', ')}`, usageArg)
    .option('--shelf <location>', 'shelf location (ISO 28560-2)')
    .option('--title <title>', 'title (ISO 28560-2)')
    .option('--lock', 'ISO 28560-2: align the item id and ISIL on block boundaries so they can be locked')
    .option('--json', 'print JSON')
    .action((opts: EncodeOpts) => {
      if ((opts.parts === undefined) !== (opts.part === undefined))
        throw new CliExit(EXIT.USAGE, 'bitig rfid encode: give --parts and --part together');
      const setInfo = opts.parts !== undefined ? { parts: opts.parts, part: opts.part! } : undefined;
      if (opts.model === 'iso28560-3' && (opts.shelf || opts.title || opts.lock))
        throw new CliExit(
          EXIT.USAGE,
          'bitig rfid encode: --shelf, --title and --lock are for --model iso28560-2',
        );
      let bytes: Uint8Array;
      try {
        const common = {
          primaryItemId: opts.item,
          ...(opts.isil !== undefined && { ownerIsil: opts.isil }),
          ...(setInfo && { setInfo }),
          ...(opts.usage !== undefined && { typeOfUsage: opts.usage }),
        };
        bytes =
          opts.model === 'iso28560-3'
            ? encodeIso28560_3(common)
            : encodeIso28560_2(
                {
                  ...common,
                  ...(opts.shelf !== undefined && { shelfLocation: opts.shelf }),
                  ...(opts.title !== undefined && { title: opts.title }),
                },
                opts.lock ? { lock: [1, 3] } : {},
              );
      } catch (err) {
        if (!(err instanceof TagEncodeError)) throw err;
        throw new CliExit(EXIT.USAGE, `bitig rfid encode: ${err.message}`);
      }
      const hex = toHex(bytes);
      io.out(
        opts.json
          ? JSON.stringify(
              {
                model: opts.model,
                hex,
                bytes: bytes.length,
                blocks: Math.ceil(bytes.length / 4),
                ...(opts.model === 'iso28560-2' && { dsfid: 6 }),
              },
              null,
              2,
            )
          : hex,
      );
    });
}
