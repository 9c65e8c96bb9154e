import type { SummaryItem } from './codec/constants.js';
import { FEE_TYPE, LANGUAGE, PAYMENT_TYPE, SC_STATUS } from './codec/constants.js';
import type { Sip2Message } from './codec/messages.js';

/**
 * Builds request messages from what a caller knows. Values every request of a connection shares
 * (institution, terminal password, language, clock) come from the context.
 */
export interface RequestContext {
  institutionId: string;
  /** `AC`; omitted where optional when empty, sent empty where the protocol requires it. */
  terminalPassword: string;
  /** Language code for 63/23 (`000` unknown). */
  language: string;
  /** `AP` for checkin when the caller gives none. */
  location: string;
  now: () => Date;
}

export interface LoginInput {
  userId: string;
  password: string;
  locationCode?: string;
}

export interface PatronInput {
  patronIdentifier: string;
  /** The patron's PIN; omitted when absent (never sent empty). */
  patronPassword?: string;
}

export interface PatronInformationInput extends PatronInput {
  /** Which item list to return (one at most). */
  summary?: SummaryItem | null;
  /** 1-based range of the list (`BP`/`BQ`). */
  startItem?: number;
  endItem?: number;
}

export interface CirculationDates {
  /** Default: now. For a stored offline transaction, the original time. */
  transactionDate?: Date;
  /** `Y` when replaying an offline transaction the SC already allowed. */
  noBlock?: boolean;
}

export interface CheckoutInput extends PatronInput, CirculationDates {
  itemIdentifier: string;
  /** Default true: the SC accepts that a checkout of an item already on loan to the patron renews it. */
  scRenewalPolicy?: boolean;
  /** With `noBlock`: the due date the patron was given offline. */
  nbDueDate?: Date | null;
  feeAcknowledged?: boolean;
  cancel?: boolean;
  itemProperties?: string;
}

export interface CheckinInput extends CirculationDates {
  itemIdentifier: string;
  /** Default: the connection's location. */
  currentLocation?: string;
  /** When the item came back; default the transaction date. */
  returnDate?: Date;
  cancel?: boolean;
  itemProperties?: string;
}

export interface RenewInput extends PatronInput, CirculationDates {
  itemIdentifier?: string;
  titleIdentifier?: string;
  thirdPartyAllowed?: boolean;
  nbDueDate?: Date | null;
  feeAcknowledged?: boolean;
  itemProperties?: string;
}

export interface RenewAllInput extends PatronInput {
  feeAcknowledged?: boolean;
  transactionDate?: Date;
}

export interface FeePaidInput extends PatronInput {
  /** Amount as the server expects it, e.g. `"15000.00"`. */
  feeAmount: string;
  /** Three letters, e.g. `UZS`. */
  currencyType: string;
  feeType?: string;
  paymentType?: string;
  feeIdentifier?: string;
  transactionId?: string;
}

export interface ItemStatusUpdateInput {
  itemIdentifier: string;
  itemProperties: string;
}

export interface BlockPatronInput {
  patronIdentifier: string;
  blockedCardMessage: string;
  cardRetained?: boolean;
}

export function loginRequest(input: LoginInput): Sip2Message<'93'> {
  return {
    code: '93',
    fixed: { uidAlgorithm: '0', pwdAlgorithm: '0' },
    fields: { loginUserId: input.userId, loginPassword: input.password, locationCode: input.locationCode },
  };
}

export function scStatusRequest(statusCode: string = SC_STATUS.OK, maxPrintWidth = 80): Sip2Message<'99'> {
  return { code: '99', fixed: { statusCode, maxPrintWidth, protocolVersion: '2.00' } };
}

const pin = (ctx: RequestContext, input: PatronInput) => ({
  institutionId: ctx.institutionId,
  patronIdentifier: input.patronIdentifier,
  terminalPassword: ctx.terminalPassword,
  patronPassword: input.patronPassword,
});

export function patronInformationRequest(
  ctx: RequestContext,
  input: PatronInformationInput,
): Sip2Message<'63'> {
  return {
    code: '63',
    fixed: {
      language: ctx.language || LANGUAGE.UNKNOWN,
      transactionDate: ctx.now(),
      summary: input.summary ?? null,
    },
    fields: {
      ...pin(ctx, input),
      startItem: input.startItem === undefined ? undefined : String(input.startItem),
      endItem: input.endItem === undefined ? undefined : String(input.endItem),
    },
  };
}

export function patronStatusRequest(ctx: RequestContext, input: PatronInput): Sip2Message<'23'> {
  return {
    code: '23',
    fixed: { language: ctx.language || LANGUAGE.UNKNOWN, transactionDate: ctx.now() },
    fields: pin(ctx, input),
  };
}

export function checkoutRequest(ctx: RequestContext, input: CheckoutInput): Sip2Message<'11'> {
  return {
    code: '11',
    fixed: {
      scRenewalPolicy: input.scRenewalPolicy ?? true,
      noBlock: input.noBlock ?? false,
      transactionDate: input.transactionDate ?? ctx.now(),
      nbDueDate: input.nbDueDate ?? null,
    },
    fields: {
      ...pin(ctx, input),
      itemIdentifier: input.itemIdentifier,
      itemProperties: input.itemProperties,
      feeAcknowledged: input.feeAcknowledged,
      cancel: input.cancel,
    },
  };
}

export function checkinRequest(ctx: RequestContext, input: CheckinInput): Sip2Message<'09'> {
  const transactionDate = input.transactionDate ?? ctx.now();
  return {
    code: '09',
    fixed: {
      noBlock: input.noBlock ?? false,
      transactionDate,
      returnDate: input.returnDate ?? transactionDate,
    },
    fields: {
      currentLocation: input.currentLocation ?? ctx.location,
      institutionId: ctx.institutionId,
      itemIdentifier: input.itemIdentifier,
      terminalPassword: ctx.terminalPassword,
      itemProperties: input.itemProperties,
      cancel: input.cancel,
    },
  };
}

export function renewRequest(ctx: RequestContext, input: RenewInput): Sip2Message<'29'> {
  return {
    code: '29',
    fixed: {
      thirdPartyAllowed: input.thirdPartyAllowed ?? false,
      noBlock: input.noBlock ?? false,
      transactionDate: input.transactionDate ?? ctx.now(),
      nbDueDate: input.nbDueDate ?? null,
    },
    fields: {
      ...pin(ctx, input),
      itemIdentifier: input.itemIdentifier,
      titleIdentifier: input.titleIdentifier,
      itemProperties: input.itemProperties,
      feeAcknowledged: input.feeAcknowledged,
    },
  };
}

export function renewAllRequest(ctx: RequestContext, input: RenewAllInput): Sip2Message<'65'> {
  return {
    code: '65',
    fixed: { transactionDate: input.transactionDate ?? ctx.now() },
    fields: { ...pin(ctx, input), feeAcknowledged: input.feeAcknowledged },
  };
}

export function itemInformationRequest(ctx: RequestContext, itemIdentifier: string): Sip2Message<'17'> {
  return {
    code: '17',
    fixed: { transactionDate: ctx.now() },
    fields: { institutionId: ctx.institutionId, itemIdentifier, terminalPassword: ctx.terminalPassword },
  };
}

export function endPatronSessionRequest(ctx: RequestContext, input: PatronInput): Sip2Message<'35'> {
  return { code: '35', fixed: { transactionDate: ctx.now() }, fields: pin(ctx, input) };
}

export function feePaidRequest(ctx: RequestContext, input: FeePaidInput): Sip2Message<'37'> {
  return {
    code: '37',
    fixed: {
      transactionDate: ctx.now(),
      feeType: input.feeType ?? FEE_TYPE.OTHER,
      paymentType: input.paymentType ?? PAYMENT_TYPE.CASH,
      currencyType: input.currencyType,
    },
    fields: {
      ...pin(ctx, input),
      feeAmount: input.feeAmount,
      feeIdentifier: input.feeIdentifier,
      transactionId: input.transactionId,
    },
  };
}

export function itemStatusUpdateRequest(
  ctx: RequestContext,
  input: ItemStatusUpdateInput,
): Sip2Message<'19'> {
  return {
    code: '19',
    fixed: { transactionDate: ctx.now() },
    fields: {
      institutionId: ctx.institutionId,
      itemIdentifier: input.itemIdentifier,
      terminalPassword: ctx.terminalPassword,
      itemProperties: input.itemProperties,
    },
  };
}

export function blockPatronRequest(ctx: RequestContext, input: BlockPatronInput): Sip2Message<'01'> {
  return {
    code: '01',
    fixed: { cardRetained: input.cardRetained ?? false, transactionDate: ctx.now() },
    fields: {
      institutionId: ctx.institutionId,
      blockedCardMessage: input.blockedCardMessage,
      patronIdentifier: input.patronIdentifier,
      terminalPassword: ctx.terminalPassword,
    },
  };
}
