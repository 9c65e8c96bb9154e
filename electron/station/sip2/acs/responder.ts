import {
  ALERT_TYPE,
  CIRCULATION_STATUS,
  FEE_TYPE,
  formatSupportedMessages,
  LANGUAGE,
  SECURITY_MARKER,
  SUPPORTED_MESSAGES,
  type SummaryItem,
} from '../codec/constants.js';
import { formatSipDate } from '../codec/dates.js';
import type { Sip2Fields } from '../codec/fields.js';
import type { ResponseCode, Sip2Decoded, Sip2Message, Sip2Request } from '../codec/messages.js';
import { formatAmount, type Library, type LoanOutcome } from './library.js';
import type { PatronRecord } from './seed.js';

/** What the ACS remembers about one SC connection. */
export interface AcsSession {
  loggedIn: boolean;
  location: string;
}

export interface ResponderOptions {
  /** Sent in 98; seconds, as Koha and Evergreen do (see ../keep-alive.ts). */
  timeoutPeriod: number;
  retriesAllowed: number;
  now: () => Date;
  /** The library's zone: due dates are sent in its local time, as real servers send them. */
  timeZone: string;
}

type Response = Sip2Message<ResponseCode>;

/** Everything but patron enable (25) and hold (15), which the test library does not do. */
const SUPPORTED = formatSupportedMessages(
  SUPPORTED_MESSAGES.filter((m) => m !== 'patronEnable' && m !== 'hold'),
);

/**
 * Turns one request into its response, applying the transaction to the library. Sessions, checksums,
 * sequence numbers and faults are the server's business; this is only the library system's logic.
 */
export class Responder {
  constructor(
    private readonly library: Library,
    private readonly options: ResponderOptions,
  ) {}

  respond(request: Sip2Request, session: AcsSession): Response | null {
    const now = this.options.now();
    switch (request.code) {
      case '93':
        return this.#login(request, session);
      case '99':
        return this.#status(session, now);
      case '63':
        return this.#patronInformation(request, now);
      case '23':
        return this.#patronStatus(request.fields, now);
      case '11':
        return this.#checkout(request, now);
      case '09':
        return this.#checkin(request, now);
      case '29':
        return this.#renew(request, now);
      case '65':
        return this.#renewAll(request, now);
      case '17':
        return this.#itemInformation(request, now);
      case '35':
        return {
          code: '36',
          fixed: { endSession: true, transactionDate: now },
          fields: {
            institutionId: this.#institution,
            patronIdentifier: request.fields.patronIdentifier ?? '',
          },
        };
      case '37':
        return this.#feePaid(request, now);
      case '19': {
        const item = this.library.item(request.fields.itemIdentifier);
        const outcome = this.library.setItemProperties(
          request.fields.itemIdentifier ?? '',
          request.fields.itemProperties,
        );
        return {
          code: '20',
          fixed: { itemPropertiesOk: outcome.ok, transactionDate: now },
          fields: {
            itemIdentifier: request.fields.itemIdentifier ?? '',
            titleIdentifier: item?.title,
            screenMessage: messages(outcome.message),
          },
        };
      }
      case '01':
        this.library.block(request.fields.patronIdentifier ?? '', request.fields.blockedCardMessage ?? '');
        return this.#patronStatus(request.fields, now);
      case '97':
        return null;
    }
  }

  get #institution(): string {
    return this.library.data.institutionId;
  }

  #login(request: Sip2Decoded<'93'>, session: AcsSession): Response {
    const terminal = this.library.data.terminals.find(
      (t) => t.userId === request.fields.loginUserId && t.password === request.fields.loginPassword,
    );
    session.loggedIn = terminal !== undefined;
    session.location = request.fields.locationCode ?? terminal?.location ?? '';
    return { code: '94', fixed: { ok: session.loggedIn } };
  }

  #status(session: AcsSession, now: Date): Response {
    return {
      code: '98',
      fixed: {
        onlineStatus: true,
        checkinOk: true,
        checkoutOk: true,
        acsRenewalPolicy: true,
        statusUpdateOk: true,
        offlineOk: true,
        timeoutPeriod: this.options.timeoutPeriod,
        retriesAllowed: this.options.retriesAllowed,
        dateTimeSync: now,
        protocolVersion: '2.00',
      },
      fields: {
        institutionId: this.#institution,
        libraryName: this.library.data.libraryName,
        supportedMessages: SUPPORTED,
        terminalLocation: session.location || undefined,
      },
    };
  }

  /** Fields 64 and 24 share: who the patron is, whether the card and PIN are good, what they owe. */
  #patronBasics(fields: Sip2Fields, patron: PatronRecord | undefined): Sip2Fields {
    const owed = patron ? this.library.owed(patron) : 0;
    const notes: string[] = [];
    if (!patron) notes.push('Unknown patron');
    if (patron?.blocked) notes.push(`Card blocked: ${patron.blocked}`);
    if (patron && owed > 0) notes.push(`You owe ${formatAmount(owed)} ${this.library.data.currency}`);
    return {
      institutionId: this.#institution,
      patronIdentifier: fields.patronIdentifier ?? '',
      personalName: patron?.name ?? '',
      validPatron: patron !== undefined,
      validPatronPassword:
        fields.patronPassword === undefined
          ? undefined
          : this.library.pinMatches(patron, fields.patronPassword),
      currencyType: this.library.data.currency,
      feeAmount: owed > 0 ? formatAmount(owed) : undefined,
      screenMessage: notes.length > 0 ? notes : undefined,
    };
  }

  #patronStatus(fields: Sip2Fields, now: Date): Response {
    const patron = this.library.patron(fields.patronIdentifier);
    return {
      code: '24',
      fixed: {
        patronStatus: this.library.patronStatus(patron, now),
        language: LANGUAGE.UNKNOWN,
        transactionDate: now,
      },
      fields: this.#patronBasics(fields, patron),
    };
  }

  #patronInformation(request: Sip2Decoded<'63'>, now: Date): Response {
    const { fields } = request;
    const patron = this.library.patron(fields.patronIdentifier);
    const barcode = patron?.barcode ?? '';
    const lists: Record<SummaryItem, string[]> = {
      holdItems: this.library.readyHoldsOf(barcode).map((i) => i.barcode),
      overdueItems: this.library.overdueOf(barcode, now).map((i) => i.barcode),
      chargedItems: this.library.loansOf(barcode).map((i) => i.barcode),
      fineItems: (patron?.fines ?? []).map((f) => `${f.id} ${formatAmount(f.amount)} ${f.description}`),
      recallItems: [],
      unavailableHoldItems: this.library.waitingHoldsOf(barcode).map((i) => i.barcode),
    };
    const basics = this.#patronBasics(fields, patron);
    const summary = request.fixed.summary;
    const selected: Sip2Fields = {};
    if (summary) {
      const list = lists[summary];
      const start = Math.max(1, Number(fields.startItem ?? 1) || 1);
      const end = Number(fields.endItem ?? list.length) || list.length;
      const page = list.slice(start - 1, end);
      // Like Koha, a page past the end comes back as one empty field: clients must read it as no item.
      selected[summary] = page.length === 0 && fields.startItem !== undefined ? [''] : page;
    }
    return {
      code: '64',
      fixed: {
        patronStatus: this.library.patronStatus(patron, now),
        language: LANGUAGE.UNKNOWN,
        transactionDate: now,
        holdItemsCount: lists.holdItems.length,
        overdueItemsCount: lists.overdueItems.length,
        chargedItemsCount: lists.chargedItems.length,
        fineItemsCount: lists.fineItems.length,
        recallItemsCount: 0,
        unavailableHoldsCount: lists.unavailableHoldItems.length,
      },
      fields: {
        ...basics,
        // 64 requires CQ: without a PIN to check, the answer is N.
        validPatronPassword: basics.validPatronPassword ?? false,
        chargedItemsLimit: patron ? String(this.library.loanLimit(patron)) : undefined,
        feeLimit: formatAmount(this.library.data.rules.fineLimit),
        ...selected,
        homeAddress: patron?.address,
        emailAddress: patron?.email,
        homePhoneNumber: patron?.phone,
      },
    };
  }

  #loanResponse<C extends '12' | '30'>(
    code: C,
    fields: Sip2Fields,
    outcome: LoanOutcome,
    now: Date,
  ): Response {
    return {
      code,
      fixed: {
        ok: outcome.ok,
        renewalOk: outcome.renewal,
        magneticMedia: false,
        desensitize: outcome.ok,
        transactionDate: now,
      },
      fields: {
        institutionId: this.#institution,
        patronIdentifier: fields.patronIdentifier ?? '',
        itemIdentifier: fields.itemIdentifier ?? outcome.item?.barcode ?? '',
        titleIdentifier: outcome.item?.title ?? '',
        dueDate: outcome.due ? formatSipDate(outcome.due, { timeZone: this.options.timeZone }) : '',
        mediaType: outcome.item?.mediaType,
        screenMessage: messages(outcome.message),
      },
    } as Response;
  }

  #checkout(request: Sip2Decoded<'11'>, now: Date): Response {
    const { fields, fixed } = request;
    const outcome = this.library.checkout(fields.patronIdentifier ?? '', fields.itemIdentifier ?? '', {
      pin: fields.patronPassword,
      renewalPolicy: fixed.scRenewalPolicy,
      noBlock: fixed.noBlock,
      nbDueDate: fixed.nbDueDate,
      at: fixed.noBlock && fixed.transactionDate ? fixed.transactionDate : now,
    });
    return this.#loanResponse('12', fields, outcome, now);
  }

  #renew(request: Sip2Decoded<'29'>, now: Date): Response {
    const { fields } = request;
    const outcome = this.library.renew(fields.patronIdentifier ?? '', fields.itemIdentifier, {
      pin: fields.patronPassword,
      at: now,
    });
    return this.#loanResponse('30', fields, outcome, now);
  }

  #checkin(request: Sip2Decoded<'09'>, now: Date): Response {
    const { fields, fixed } = request;
    const outcome = this.library.checkin(fields.itemIdentifier ?? '', fixed.returnDate ?? now);
    const item = outcome.item;
    return {
      code: '10',
      fixed: {
        ok: outcome.ok,
        resensitize: item !== undefined,
        magneticMedia: false,
        alert: outcome.alert,
        transactionDate: now,
      },
      fields: {
        institutionId: this.#institution,
        itemIdentifier: fields.itemIdentifier ?? '',
        permanentLocation: item?.location ?? '',
        titleIdentifier: item?.title,
        patronIdentifier: outcome.patron,
        mediaType: item?.mediaType,
        alertType: outcome.holdFor ? ALERT_TYPE.HOLD_LOCAL : undefined,
        holdPatronId: outcome.holdFor?.barcode,
        holdPatronName: outcome.holdFor?.name,
        callNumber: item?.callNumber,
        screenMessage: messages(outcome.message),
      },
    };
  }

  #renewAll(request: Sip2Decoded<'65'>, now: Date): Response {
    const outcome = this.library.renewAll(request.fields.patronIdentifier ?? '', {
      pin: request.fields.patronPassword,
      at: now,
    });
    return {
      code: '66',
      fixed: {
        ok: outcome.ok,
        renewedCount: outcome.renewed.length,
        unrenewedCount: outcome.unrenewed.length,
        transactionDate: now,
      },
      fields: {
        institutionId: this.#institution,
        renewedItems: outcome.renewed,
        unrenewedItems: outcome.unrenewed,
        screenMessage: messages(outcome.message),
      },
    };
  }

  #itemInformation(request: Sip2Decoded<'17'>, now: Date): Response {
    const item = this.library.item(request.fields.itemIdentifier);
    const ready = item?.holds[0]?.ready ? item.holds[0] : undefined;
    return {
      code: '18',
      fixed: {
        circulationStatus: item ? this.library.circulationStatus(item) : CIRCULATION_STATUS.OTHER,
        securityMarker: SECURITY_MARKER.TATTLE_TAPE,
        feeType: FEE_TYPE.OTHER,
        transactionDate: now,
      },
      fields: {
        itemIdentifier: request.fields.itemIdentifier ?? '',
        titleIdentifier: item?.title ?? '',
        holdQueueLength: item ? String(item.holds.length) : undefined,
        dueDate: item?.loan
          ? formatSipDate(new Date(item.loan.due), { timeZone: this.options.timeZone })
          : undefined,
        mediaType: item?.mediaType,
        permanentLocation: item?.location,
        currentLocation: item?.location,
        itemProperties: item?.properties,
        callNumber: item?.callNumber,
        screenMessage: messages(
          !item
            ? 'Unknown item'
            : item.notForLoan
              ? 'Not for loan'
              : ready
                ? `On hold for ${ready.patron}`
                : undefined,
        ),
      },
    };
  }

  #feePaid(request: Sip2Decoded<'37'>, now: Date): Response {
    const { fields } = request;
    const outcome = this.library.pay(
      fields.patronIdentifier ?? '',
      Number(fields.feeAmount ?? Number.NaN),
      fields.feeIdentifier,
    );
    return {
      code: '38',
      fixed: { paymentAccepted: outcome.ok, transactionDate: now },
      fields: {
        institutionId: this.#institution,
        patronIdentifier: fields.patronIdentifier ?? '',
        transactionId: fields.transactionId,
        screenMessage: messages(outcome.message),
      },
    };
  }
}

function messages(message: string | undefined): string[] | undefined {
  return message ? [message] : undefined;
}
