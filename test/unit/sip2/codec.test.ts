import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findUnrepresentable } from '../../../electron/station/sip2/codec/charset.js';
import { sipChecksum } from '../../../electron/station/sip2/codec/checksum.js';
import {
  CIRCULATION_STATUS,
  parseSupportedMessages,
} from '../../../electron/station/sip2/codec/constants.js';
import { formatSipDate, parseSipDate } from '../../../electron/station/sip2/codec/dates.js';
import { decodeRequest, decodeResponse } from '../../../electron/station/sip2/codec/decode.js';
import { encodeRawText, encodeRequest, encodeResponse } from '../../../electron/station/sip2/codec/encode.js';
import { type ProtocolReason, Sip2ProtocolError } from '../../../electron/station/sip2/codec/errors.js';
import { MARCH_15, withErrorDetection } from './helpers.js';

function reason(fn: () => unknown): ProtocolReason {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Sip2ProtocolError);
    return (err as Sip2ProtocolError).reason;
  }
  throw new Error('expected a Sip2ProtocolError');
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('checksum', () => {
  it('matches the check value from the spec notes', () => {
    expect(sipChecksum(bytes('9300CNscclient|COclientpwd|CPkiosk1|AY0AZ'))).toBe('F134');
  });

  it('encodes the login of the check value byte for byte', () => {
    const login = encodeRequest(
      {
        code: '93',
        fixed: { uidAlgorithm: '0', pwdAlgorithm: '0' },
        fields: { loginUserId: 'scclient', loginPassword: 'clientpwd', locationCode: 'kiosk1' },
      },
      { errorDetection: true, sequence: 0 },
    );
    expect(login.text).toBe('9300CNscclient|COclientpwd|CPkiosk1|AY0AZF134');
    expect(login.bytes.toString('latin1')).toBe('9300CNscclient|COclientpwd|CPkiosk1|AY0AZF134\r');
    // Koha finds error detection only when AY sits exactly 9 characters from the end.
    expect(login.text.slice(-9)).toBe('AY0AZF134');
  });

  it('sums encoded bytes, not characters: UTF-8 and CP1251 give different checksums for the same text', () => {
    const text = '17                  AOЛИБ|ABКнига|AY1AZ';
    const utf8 = Buffer.from(text, 'utf8');
    const cp1251 = iconv.encode(text, 'cp1251');
    const byHand = (b: Buffer) =>
      (-b.reduce((s, x) => s + x, 0) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
    expect(sipChecksum(utf8)).toBe(byHand(utf8));
    expect(sipChecksum(cp1251)).toBe(byHand(cp1251));
    expect(sipChecksum(utf8)).not.toBe(sipChecksum(cp1251));
    const charCodes = [...text].reduce((s, c) => s + (c.codePointAt(0) ?? 0), 0);
    expect(sipChecksum(utf8)).not.toBe((-charCodes & 0xffff).toString(16).toUpperCase().padStart(4, '0'));
  });

  it('frames 96 and 97 with a checksum but no sequence number', () => {
    expect(encodeRequest({ code: '97', fixed: {} }, { errorDetection: true }).text).toBe('97AZFEF5');
    expect(encodeResponse({ code: '96', fixed: {} }, { errorDetection: true }).text).toBe('96AZFEF6');
    expect(decodeResponse(bytes('96AZFEF6\r'), { errorDetection: true, expectedSequence: 4 }).code).toBe(
      '96',
    );
  });
});

describe('dates', () => {
  it('formats local time with four blanks and UTC with "   Z"', () => {
    const d = new Date(2024, 2, 15, 10, 30, 0);
    expect(formatSipDate(d)).toBe(MARCH_15);
    expect(formatSipDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), { utc: true })).toBe('20240102   Z030405');
    expect(formatSipDate(null)).toBe(' '.repeat(18));
  });

  it('parses local and UTC dates and gives null for blanks, nonsense and unknown zones', () => {
    expect(parseSipDate(MARCH_15)?.getTime()).toBe(new Date(2024, 2, 15, 10, 30, 0).getTime());
    expect(parseSipDate('20240102   Z030405')?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(parseSipDate('20240102UTC 030405')?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(parseSipDate(' '.repeat(18))).toBeNull();
    expect(parseSipDate('20240230    103000')).toBeNull();
    expect(parseSipDate('20241301    103000')).toBeNull();
    expect(parseSipDate('20240102 EST030405')).toBeNull();
    expect(parseSipDate('2024-01-02')).toBeNull();
  });
});

describe('encoding requests', () => {
  it('omits optional fields without a value, sends required ones empty, escapes | and drops line breaks', () => {
    const msg = encodeRequest({
      code: '11',
      fixed: {
        scRenewalPolicy: true,
        noBlock: false,
        transactionDate: new Date(2024, 2, 15, 10, 30),
        nbDueDate: null,
      },
      fields: {
        institutionId: 'Lib|Main',
        patronIdentifier: 'P1',
        itemIdentifier: 'I\r\n1',
        terminalPassword: '',
        patronPassword: '',
        itemProperties: undefined,
      },
    });
    expect(msg.text).toBe(`11YN${MARCH_15}${' '.repeat(18)}AOLib&#124;Main|AAP1|ABI  1|AC|`);
    expect(msg.text).not.toContain('AD');
    expect(msg.unrepresentable).toBeNull();
  });

  it('puts named fields outside the table and extra fields after the table, and ends with CR or CR LF', () => {
    const msg = encodeRequest(
      {
        code: '17',
        fixed: { transactionDate: new Date(2024, 2, 15, 10, 30) },
        fields: { itemIdentifier: 'B1', institutionId: 'L', screenMessage: ['x'] },
        extra: [{ id: 'ZZ', value: 'vendor' }],
      },
      { terminator: '\r\n' },
    );
    expect(msg.bytes.toString()).toBe(`17${MARCH_15}AOL|ABB1|AFx|ZZvendor|\r\n`);
  });

  it('NFC-normalises values so code pages see composed letters', () => {
    const decomposed = 'и\u0306'; // й as и + combining breve (how Evergreen may store it)
    const msg = encodeRequest(
      {
        code: '17',
        fixed: { transactionDate: null },
        fields: { institutionId: 'L', itemIdentifier: decomposed },
      },
      { encoding: 'cp1251' },
    );
    expect(msg.unrepresentable).toBeNull();
    expect(iconv.decode(msg.bytes, 'cp1251')).toContain('ABй|');
  });

  it('refuses what cannot be encoded: bad sequence, wrong fixed value, bad extra id', () => {
    const status = {
      code: '99' as const,
      fixed: { statusCode: '0', maxPrintWidth: 80, protocolVersion: '2.00' },
    };
    expect(reason(() => encodeRequest(status, { errorDetection: true, sequence: 10 }))).toBe(
      'INVALID_MESSAGE',
    );
    expect(reason(() => encodeRequest(status, { errorDetection: true }))).toBe('INVALID_MESSAGE');
    expect(reason(() => encodeRequest({ ...status, fixed: { ...status.fixed, protocolVersion: '2' } }))).toBe(
      'INVALID_MESSAGE',
    );
    expect(reason(() => encodeRequest({ ...status, fixed: { ...status.fixed, maxPrintWidth: 1000 } }))).toBe(
      'INVALID_MESSAGE',
    );
    expect(reason(() => encodeRequest({ ...status, extra: [{ id: 'AY', value: '1' }] }))).toBe(
      'INVALID_MESSAGE',
    );
    expect(reason(() => encodeRequest({ code: '94', fixed: { ok: true } } as never))).toBe('INVALID_MESSAGE');
    expect(reason(() => encodeRawText('hello'))).toBe('INVALID_MESSAGE');
  });

  it('frames raw text with error detection', () => {
    expect(encodeRawText('9900302.00', { errorDetection: true, sequence: 3 }).text).toMatch(
      /^9900302\.00AY3AZ[0-9A-F]{4}$/,
    );
  });
});

describe('character encodings', () => {
  const titles = {
    uzLatn: 'Oʻtkan kunlar. Gʻafur Gʻulom',
    uzCyrl: 'Қутлуғ қон. Ҳамза',
    ru: 'Преступление и наказание',
    kk: 'Абай жолы. Мұхтар Әуезов',
  };

  for (const [lang, title] of Object.entries(titles)) {
    it(`carries a ${lang} title through UTF-8 unchanged`, () => {
      const msg = encodeResponse(
        {
          code: '18',
          fixed: { circulationStatus: '03', securityMarker: '02', feeType: '01', transactionDate: null },
          fields: { itemIdentifier: 'B1', titleIdentifier: title },
        },
        { errorDetection: true, sequence: 5 },
      );
      expect(msg.unrepresentable).toBeNull();
      const back = decodeResponse(msg.bytes, { errorDetection: true, expectedSequence: 5 });
      expect(back.code === '18' && back.fields.titleIdentifier).toBe(title);
    });
  }

  it('carries Russian through CP1251 and CP866, checksum over the code page bytes', () => {
    for (const encoding of ['cp1251', 'cp866'] as const) {
      const msg = encodeResponse(
        {
          code: '18',
          fixed: { circulationStatus: '04', securityMarker: '02', feeType: '01', transactionDate: null },
          fields: { itemIdentifier: 'B1', titleIdentifier: titles.ru },
        },
        { encoding, errorDetection: true, sequence: 1 },
      );
      expect(msg.unrepresentable).toBeNull();
      expect(msg.bytes.length).toBe(msg.text.length + 1);
      const back = decodeResponse(msg.bytes, { encoding, errorDetection: true });
      expect(back.code === '18' && back.fields.titleIdentifier).toBe(titles.ru);
      // Read as UTF-8 the checksum still holds (it is over bytes) but the text is wrong: the
      // encoding is a per-connection setting both sides must share.
      const misread = decodeResponse(msg.bytes, { encoding: 'utf-8', errorDetection: true });
      expect(misread.code === '18' && misread.fields.titleIdentifier).not.toBe(titles.ru);
    }
  });

  it('warns which characters CP1251 cannot carry: Қ Ғ Ҳ and ʻ', () => {
    const warning = findUnrepresentable(`${titles.uzLatn} ${titles.uzCyrl}`, 'cp1251');
    expect(warning?.encoding).toBe('cp1251');
    expect(warning?.characters).toEqual(['ʻ', 'Қ', 'ғ', 'қ', 'Ҳ']);
    expect(warning?.message).toContain('cp1251');
    expect(warning?.message).toContain('U+02BB');
    expect(findUnrepresentable('Қ Ғ Ҳ', 'cp1251')?.characters).toEqual(['Қ', 'Ғ', 'Ҳ']);
    expect(findUnrepresentable(titles.ru, 'cp1251')).toBeNull();

    const msg = encodeRequest(
      { code: '17', fixed: { transactionDate: null }, fields: { institutionId: 'L', itemIdentifier: 'Ғʻ' } },
      { encoding: 'cp1251' },
    );
    expect(msg.unrepresentable?.characters).toEqual(['Ғ', 'ʻ']);
    expect(msg.bytes.toString('latin1')).toContain('AB??|');
  });

  it('warns for Cyrillic over IBM850 and ASCII, and never for UTF-8', () => {
    expect(findUnrepresentable(titles.ru, 'ibm850')?.characters.length).toBeGreaterThan(0);
    expect(findUnrepresentable(titles.ru, 'ascii')?.characters.length).toBeGreaterThan(0);
    expect(findUnrepresentable('Café', 'ibm850')).toBeNull();
    for (const title of Object.values(titles)) expect(findUnrepresentable(title, 'utf-8')).toBeNull();
  });
});

describe('decoding responses', () => {
  const acsStatus = `98YYYNYN06000320240315    1030002.00AOkoha|AMCentral Library|BXYYYYYYYYYYYYNNYY|ANkiosk|AFWelcome|AFСлужба|`;

  it('reads a 98 written from the spec: flags, counts, date, supported messages, repeated lines', () => {
    const r = decodeResponse(withErrorDetection(acsStatus, 1), { errorDetection: true, expectedSequence: 1 });
    if (r.code !== '98') throw new Error('expected 98');
    expect(r.name).toBe('acsStatus');
    expect(r.fixed).toMatchObject({
      onlineStatus: true,
      checkinOk: true,
      checkoutOk: true,
      acsRenewalPolicy: false,
      statusUpdateOk: true,
      offlineOk: false,
      timeoutPeriod: 60,
      retriesAllowed: 3,
      protocolVersion: '2.00',
    });
    expect(r.fixed.dateTimeSync?.getTime()).toBe(new Date(2024, 2, 15, 10, 30).getTime());
    expect(r.fields).toMatchObject({
      institutionId: 'koha',
      libraryName: 'Central Library',
      terminalLocation: 'kiosk',
      screenMessage: ['Welcome', 'Служба'],
    });
    expect(parseSupportedMessages(r.fields.supportedMessages ?? '').has('renew')).toBe(true);
    expect(parseSupportedMessages(r.fields.supportedMessages ?? '').has('hold')).toBe(false);
    expect(r.sequence).toBe(1);
    expect(r.raw.startsWith('98YYYNYN')).toBe(true);
    expect(r.raw).toMatch(/AY1AZ[0-9A-F]{4}$/);
  });

  it('accepts CR, CR LF, a stray LF and surrounding blanks', () => {
    const framed = withErrorDetection(acsStatus, 2);
    const body = framed.subarray(0, framed.length - 1);
    for (const variant of [
      framed,
      Buffer.concat([body, Buffer.from('\r\n')]),
      Buffer.concat([Buffer.from('\n'), body, Buffer.from('\r')]),
      Buffer.concat([Buffer.from('  \n'), body, Buffer.from('  \r\n')]),
      body,
    ]) {
      expect(decodeResponse(variant, { errorDetection: true, expectedSequence: 2 }).code).toBe('98');
    }
  });

  it('keeps unknown and repeated fields, in wire order; first value of a single field wins in `fields`', () => {
    const text = `64              001${MARCH_15}000100000002000000000000AOlib|AAP1|AEIvan|BLY|CQN|ZZvendor|AUa|AU|AUb|PBx|AEsecond|`;
    const r = decodeResponse(bytes(text));
    if (r.code !== '64') throw new Error('expected 64');
    expect(r.fields.chargedItems).toEqual(['a', 'b']);
    expect(r.fields.personalName).toBe('Ivan');
    expect(r.unknown).toEqual([
      { id: 'ZZ', value: 'vendor' },
      { id: 'PB', value: 'x' },
    ]);
    expect(r.all.map((f) => f.id)).toEqual([
      'AO',
      'AA',
      'AE',
      'BL',
      'CQ',
      'ZZ',
      'AU',
      'AU',
      'AU',
      'PB',
      'AE',
    ]);
    expect(r.fields.validPatron).toBe(true);
    expect(r.fields.validPatronPassword).toBe(false);
    expect(r.fixed.chargedItemsCount).toBe(2);
  });

  it('treats an empty item-list entry as no item (a page past the end)', () => {
    const r = decodeResponse(
      bytes(`64              001${MARCH_15}000000000000000000000000AOlib|AAP1|AEIvan|AU|`),
    );
    expect(r.code === '64' && r.fields.chargedItems).toEqual([]);
  });

  it('reads blank counts as unsupported, a nonsense date as null with its raw text, and unescapes |', () => {
    const r = decodeResponse(
      bytes(`64              001ABCDEFGHIJKLMNOPQR    000100000000    0000AOlib|AAP1|AEA&#124;B|`),
    );
    if (r.code !== '64') throw new Error('expected 64');
    expect(r.fixed.holdItemsCount).toBeNull();
    expect(r.fixed.recallItemsCount).toBeNull();
    expect(r.fixed.overdueItemsCount).toBe(1);
    expect(r.fixed.transactionDate).toBeNull();
    expect(r.fixedRaw.transactionDate).toBe('ABCDEFGHIJKLMNOPQR');
    expect(r.fields.personalName).toBe('A|B');
  });

  it('NFC-normalises text (Evergreen may send NFD)', () => {
    const nfd = 'Йод и\u0306'.normalize('NFD');
    const r = decodeResponse(bytes(`18030201${MARCH_15}ABB1|AJ${nfd}|`));
    expect(r.code === '18' && r.fields.titleIdentifier).toBe('Йод й');
    expect(r.code === '18' && r.fixed.circulationStatus).toBe(CIRCULATION_STATUS.AVAILABLE);
  });

  it('reads a Koha checkout response with Uzbek Latin in CP1251 bytes (ʻ arrives as ?)', () => {
    const encode = (s: string) => iconv.encode(s, 'cp1251');
    const r = decodeResponse(
      withErrorDetection(`121NNY${MARCH_15}AOlib|AAP1|ABB1|AJOʻtkan kunlar|AH${MARCH_15}|`, 7, encode),
      { encoding: 'cp1251', errorDetection: true, expectedSequence: 7 },
    );
    if (r.code !== '12') throw new Error('expected 12');
    expect(r.fixed).toMatchObject({ ok: true, renewalOk: false, magneticMedia: false, desensitize: true });
    expect(r.fields.titleIdentifier).toBe('O?tkan kunlar');
    expect(parseSipDate(r.fields.dueDate ?? '')?.getTime()).toBe(new Date(2024, 2, 15, 10, 30).getTime());
  });

  it('reads Y/N/U media flags: U is null', () => {
    const r = decodeResponse(bytes(`101YUN${MARCH_15}AOlib|ABB1|AQshelf|`));
    expect(r.code === '10' && r.fixed.magneticMedia).toBeNull();
  });

  it('ignores a trailer-like value without error detection, but reads a real trailer', () => {
    const r = decodeResponse(bytes(`20 1${MARCH_15}ABB1|AJends AZ1234`.replace('20 1', '201')));
    expect(r.code === '20' && r.fields.titleIdentifier).toBe('ends AZ1234');
    const withTrailer = decodeResponse(withErrorDetection(`201${MARCH_15}ABB1|`, 3));
    expect(withTrailer.sequence).toBe(3);
    expect(withTrailer.all).toEqual([{ id: 'AB', value: 'B1' }]);
  });

  it('decodes requests for the ACS side', () => {
    const r = decodeRequest(bytes('9300CNscclient|COclientpwd|CPkiosk1|AY0AZF134\r'), {
      errorDetection: true,
    });
    expect(r.code === '93' && r.fields).toEqual({
      loginUserId: 'scclient',
      loginPassword: 'clientpwd',
      locationCode: 'kiosk1',
    });
  });
});

describe('malformed responses are typed errors', () => {
  const ok = `201${MARCH_15}ABB1|`;
  const cases: Array<[string, Buffer, ProtocolReason, object?]> = [
    ['empty', bytes(' \r\n'), 'EMPTY'],
    ['one character', bytes('9'), 'TOO_SHORT'],
    ['short fixed part', bytes('201202403'), 'TOO_SHORT'],
    ['unknown code', bytes('XX123'), 'UNKNOWN_CODE'],
    ['unknown numeric code', bytes('55123'), 'UNKNOWN_CODE'],
    ['a request where a response belongs', bytes('9300CNa|COb|'), 'UNEXPECTED_CODE'],
    ['a bad flag', bytes(`20X${MARCH_15}ABB1|`), 'BAD_FIXED_FIELD'],
    ['a bad count', bytes(`98YYYYYYabc00320240315    1030002.00AOx|BXY|`), 'BAD_FIXED_FIELD'],
    ['a bad circulation status', bytes(`18ab0201${MARCH_15}ABB1|AJt|`), 'BAD_FIXED_FIELD'],
    ['a field without id', bytes(`${ok}x|`), 'BAD_FIELD'],
    ['a lower-case id', bytes(`${ok}ab1|`), 'BAD_FIELD'],
    ['a bad Y/N field', bytes(`24              001${MARCH_15}AOl|AAp|AEn|BLQ|`), 'BAD_FIELD'],
    ['two messages in one', bytes(`${ok}\r${ok}`), 'BAD_FRAME'],
    ['no checksum', bytes(ok), 'MISSING_CHECKSUM', { errorDetection: true }],
    [
      'no sequence',
      bytes(`${ok}AZ${sipChecksum(bytes(`${ok}AZ`))}`),
      'MISSING_SEQUENCE',
      { errorDetection: true },
    ],
    ['a wrong checksum', bytes(`${ok}AY1AZ0000`), 'BAD_CHECKSUM', { errorDetection: true }],
    [
      'another sequence',
      withErrorDetection(ok, 4),
      'SEQUENCE_MISMATCH',
      { errorDetection: true, expectedSequence: 5 },
    ],
  ];
  for (const [name, input, expected, options] of cases) {
    it(name, () => expect(reason(() => decodeResponse(input, options))).toBe(expected));
  }
});
