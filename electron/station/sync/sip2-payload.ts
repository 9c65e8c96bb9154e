import { z } from 'zod';

/** The outbox target of the kiosk's offline circulation. */
export const SIP2_TARGET = 'sip2';

/**
 * One circulation transaction a kiosk recorded while the library system was away. The outbox row
 * carries the rest: orderingKey = the item id (a checkout and a later return of the same book are
 * never swapped), eventTime = when the patron did it.
 */
export interface Sip2TransactionPayload {
  action: 'checkout' | 'checkin' | 'renew';
  /** null for a return (replay never sends one), and once blanked by the retention rule. */
  patronId: string | null;
  itemId: string;
  /** The due date the patron was promised offline (checkout/renew), ISO. */
  promisedDueDate: string | null;
  /** The card number was blanked after the row was done (`../store/retention.ts`). */
  patronIdErased?: true;
}

const Identifier = z.string().trim().min(1).max(64);

export const Sip2TransactionPayload: z.ZodType<Sip2TransactionPayload> = z
  .object({
    action: z.enum(['checkout', 'checkin', 'renew']),
    patronId: Identifier.nullable(),
    itemId: Identifier,
    promisedDueDate: z.iso.datetime({ offset: true }).nullable(),
    patronIdErased: z.literal(true).optional(),
  })
  .refine((p) => p.action === 'checkin' || p.patronId !== null || p.patronIdErased === true, {
    message: 'A checkout or renewal needs the patron id',
    path: ['patronId'],
  });
