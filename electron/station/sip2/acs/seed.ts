import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import demoSeed from '../../../../resources/demo/library.json';
import { endOfLocalDay } from '../../time-zone.js';

/**
 * The test library's data: what `resources/demo/library.json` holds (a seed, with due dates relative
 * to today so it never goes stale) and what a state file holds (the same, with absolute dates).
 */

const Fine = z.object({
  id: z.string().min(1),
  /** In the currency's main unit, e.g. so'm. */
  amount: z.number().nonnegative(),
  description: z.string(),
  item: z.string().optional(),
});

const Patron = z.object({
  barcode: z.string().min(1),
  pin: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  /** Why the card is blocked; absent or null when it is not. */
  blocked: z.string().nullable().optional(),
  /** The card was reported lost (a block with its own patron status flag). */
  cardLost: z.boolean().default(false),
  /** Overrides the rules' loan limit. */
  maxLoans: z.number().int().positive().optional(),
  fines: z.array(Fine).default([]),
});

const Hold = z.object({
  patron: z.string(),
  /** On the hold shelf, waiting for this patron to collect. */
  ready: z.boolean().default(false),
});

const SeedLoan = z.object({
  patron: z.string(),
  /** Days from today; negative for an overdue loan. */
  dueInDays: z.number().int(),
  renewals: z.number().int().nonnegative().default(0),
});

const StateLoan = z.object({
  patron: z.string(),
  /** ISO 8601. */
  due: z.string(),
  renewals: z.number().int().nonnegative().default(0),
});

const itemFields = {
  barcode: z.string().min(1),
  title: z.string(),
  author: z.string().optional(),
  mediaType: z
    .string()
    .regex(/^\d{3}$/)
    .default('001'),
  location: z.string().default(''),
  callNumber: z.string().optional(),
  notForLoan: z.boolean().default(false),
  /** `CH` as last set by item status update. */
  properties: z.string().optional(),
  holds: z.array(Hold).default([]),
};

const Rules = z.object({
  loanDays: z.number().int().positive().default(14),
  maxLoans: z.number().int().positive().default(5),
  maxRenewals: z.number().int().nonnegative().default(2),
  finePerDay: z.number().nonnegative().default(1000),
  /** Checkout is refused above this much owed. */
  fineLimit: z.number().nonnegative().default(20000),
});

const Terminal = z.object({ userId: z.string(), password: z.string(), location: z.string().default('') });

const common = {
  institutionId: z.string().min(1),
  libraryName: z.string(),
  currency: z.string().length(3),
  rules: Rules.default({ loanDays: 14, maxLoans: 5, maxRenewals: 2, finePerDay: 1000, fineLimit: 20000 }),
  terminals: z.array(Terminal).min(1),
  patrons: z.array(Patron),
};

export const LibrarySeed = z.object({
  ...common,
  items: z.array(z.object({ ...itemFields, loan: SeedLoan.optional() })),
});
export type LibrarySeed = z.input<typeof LibrarySeed>;

export const LibraryState = z.object({
  ...common,
  items: z.array(z.object({ ...itemFields, loan: StateLoan.optional() })),
});
export type LibraryState = z.infer<typeof LibraryState>;
export type PatronRecord = LibraryState['patrons'][number];
export type ItemRecord = LibraryState['items'][number];
export type LoanRecord = NonNullable<ItemRecord['loan']>;
export type FineRecord = PatronRecord['fines'][number];
export type Rules = LibraryState['rules'];

/** The demo library shipped in resources/demo/library.json. */
export const DEMO_SEED: LibrarySeed = demoSeed as LibrarySeed;

/** Turns a seed into a state: relative due dates become dates, at the end of the day they fall on. */
export function stateFromSeed(seed: LibrarySeed, now: Date, timeZone: string): LibraryState {
  const parsed = LibrarySeed.parse(seed);
  return {
    ...parsed,
    items: parsed.items.map(({ loan, ...item }) => ({
      ...item,
      ...(loan
        ? {
            loan: {
              patron: loan.patron,
              renewals: loan.renewals,
              due: endOfLocalDay(now, loan.dueInDays, timeZone).toISOString(),
            },
          }
        : {}),
    })),
  };
}

/** The saved state if the file exists, else null. A file that is not a valid state is an error. */
export function readStateFile(file: string): LibraryState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return LibraryState.parse(JSON.parse(text));
}

/** Replaces the state file in one step (temp file, rename), so a crash never leaves half a file. */
export function writeStateFile(file: string, state: LibraryState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, file);
}
