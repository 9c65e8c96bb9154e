import type { Language } from '../../contract/index.js';
import type { ItemOutcome, Receipt } from '../../contract/kiosk.js';
import { line, type PrintBlock, type PrintDocument } from './document.js';
import en from './locales/en.json' with { type: 'json' };
import kk from './locales/kk.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };
import uzCyrl from './locales/uz-Cyrl.json' with { type: 'json' };
import uzLatn from './locales/uz-Latn.json' with { type: 'json' };

/*
 * The receipt's words live in locales/<lang>.json beside this file, not in the renderer's locale
 * files: the core may not import the renderer. The wording follows the kiosk's screens.
 */
export type ReceiptStrings = (typeof en)['receipt'];

export const RECEIPT_STRINGS: Record<Language, ReceiptStrings> = {
  'uz-Latn': uzLatn.receipt,
  'uz-Cyrl': uzCyrl.receipt,
  ru: ru.receipt,
  kk: kk.receipt,
  en: en.receipt,
};

export interface ReceiptOptions {
  /** IANA time zone for the printed times; the station's own by default. */
  timeZone?: string;
  /** The site's `privacy.receiptName`: masked unless the site asks for the name in full. */
  patronName?: 'masked' | 'full';
}

/**
 * A patron's name as a receipt prints it by default: the first letter of each word and five stars,
 * "A***** K*****", so a receipt left in the tray (or its preview on disk) does not name its reader.
 * Always five stars: a name's length says something too.
 */
export function maskPatronName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => `${Array.from(word)[0]}*****`)
    .join(' ');
}

/** The kiosk's receipt as a printer-independent document, in the patron's language. */
export function receiptDocument(
  receipt: Receipt,
  language: Language,
  options: ReceiptOptions = {},
): PrintDocument {
  const s = RECEIPT_STRINGS[language];
  const date = (iso: string) => formatDate(iso, s, options.timeZone);
  const blocks: PrintBlock[] = [line(s.heading, { align: 'center', bold: true, size: 2 })];
  if (receipt.library) blocks.push(line(fill(s.library, { library: receipt.library }), { align: 'center' }));
  blocks.push({ kind: 'rule' });
  // Identified offline, the patron's name is unknown: the line is left out rather than printed empty.
  if (receipt.patronName) {
    const name = options.patronName === 'full' ? receipt.patronName : maskPatronName(receipt.patronName);
    blocks.push(line(fill(s.patron, { name })));
  }
  blocks.push(line(fill(s.printedAt, { date: formatDateTime(receipt.printedAt, s, options.timeZone) })));
  blocks.push({ kind: 'rule' });
  if (receipt.items.length === 0) blocks.push(line(s.empty));
  for (const item of receipt.items) blocks.push(...itemBlocks(item, s, date));
  blocks.push({ kind: 'rule' });
  blocks.push(line(s.thanks, { align: 'center', bold: true }));
  return { blocks, cut: true };
}

/** A test page for staff (the Devices screen): the heading, that the printer works, the time. */
export function testPageDocument(language: Language, options: ReceiptOptions = {}): PrintDocument {
  const s = RECEIPT_STRINGS[language];
  return {
    blocks: [
      line(s.testHeading, { align: 'center', bold: true, size: 2 }),
      { kind: 'rule' },
      line(s.testBody, { mark: 'ok' }),
      line(fill(s.printedAt, { date: formatDateTime(new Date().toISOString(), s, options.timeZone) })),
      { kind: 'rule' },
    ],
    cut: true,
  };
}

function itemBlocks(item: ItemOutcome, s: ReceiptStrings, date: (iso: string) => string): PrintBlock[] {
  const number = fill(s.itemNumber, { id: item.itemId });
  const blocks: PrintBlock[] = [line(item.title || number, { mark: item.ok ? 'ok' : 'failed', bold: true })];
  if (item.title) blocks.push(line(number, { indent: 2 }));
  const outcome = item.ok ? s.done[item.action] : s.failed[item.action];
  const due = item.ok && item.dueDate ? ` · ${fill(s.due, { date: date(item.dueDate) })}` : '';
  blocks.push(line(`${outcome}${due}`, { indent: 2 }));
  if (item.pending) blocks.push(line(s.pending, { indent: 2 }));
  if (item.securityFailed) blocks.push(line(s.securityFailed, { indent: 2 }));
  if (!item.ok) {
    // The library system's own words explain a plain refusal better than "refused".
    const messages = item.reason === 'REFUSED' || !item.reason ? item.screenMessages : [];
    if (messages.length > 0) for (const m of messages) blocks.push(line(m, { indent: 2 }));
    else if (item.reason) blocks.push(line(s.reason[item.reason], { indent: 2 }));
  }
  return blocks;
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

interface DateParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function parts(iso: string, timeZone: string | undefined): DateParts | null {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(when)) out[p.type] = p.value;
  return {
    day: out.day ?? '',
    month: out.month ?? '',
    year: out.year ?? '',
    hour: out.hour ?? '',
    minute: out.minute ?? '',
  };
}

export function formatDate(iso: string, s: ReceiptStrings, timeZone?: string): string {
  // A bare date is a calendar day, not an instant: shifting it by a time zone would move the day.
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return fill(s.date, { year: bare[1]!, month: bare[2]!, day: bare[3]! });
  const p = parts(iso, timeZone);
  return p ? fill(s.date, { ...p }) : iso;
}

export function formatDateTime(iso: string, s: ReceiptStrings, timeZone?: string): string {
  const p = parts(iso, timeZone);
  if (!p) return iso;
  return fill(s.dateTime, { date: fill(s.date, { ...p }), time: `${p.hour}:${p.minute}` });
}
