import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../../electron/station/contract/index.js';
import { createI18n } from '../../../renderer/i18n/index.js';
import { SetupPinProblem, setupPinProblem } from '../../../renderer/src/stores/settings.js';
import { errorValues, retryTime } from '../../../renderer/src/ui/error-values.js';

// 23:40 in Tashkent; a five-minute lock ends after local midnight, on the next day.
const LOCKED: ContractError = {
  code: 'STAFF_PIN_LOCKED',
  message: 'x',
  retryAt: { at: '2026-12-31T18:45:00.000Z', timeZone: 'Asia/Tashkent' },
};

describe('a lock’s end on screen', () => {
  it('is the station’s local time, whatever zone the browser is in', () => {
    expect(retryTime(LOCKED, 'ru')).toBe('23:45');
    expect(
      retryTime({ ...LOCKED, retryAt: { at: '2026-12-31T19:05:00.000Z', timeZone: 'Asia/Tashkent' } }, 'ru'),
    ).toBe('00:05');
    expect(
      retryTime({ ...LOCKED, retryAt: { at: '2026-12-31T19:05:00.000Z', timeZone: 'Asia/Almaty' } }, 'kk'),
    ).toBe('00:05');
    // Berlin leaves summer time on 25 October 2026: 01:30 UTC is 02:30 local after the change.
    expect(
      retryTime({ ...LOCKED, retryAt: { at: '2026-10-25T01:30:00.000Z', timeZone: 'Europe/Berlin' } }, 'en'),
    ).toBe('02:30');
    expect(retryTime({ code: 'STAFF_PIN_WRONG', message: 'x' }, 'en')).toBe('');
  });

  it('is named in the staff’s language, with how to set a missing PIN', () => {
    const ru = createI18n('ru');
    expect(ru.t(($) => $.error.STAFF_PIN_LOCKED, errorValues(LOCKED, 'ru'))).toBe(
      'Слишком много неверных ПИН-кодов сотрудника. ПИН-код заблокирован до 23:45.',
    );
    const latn = createI18n('uz-Latn');
    expect(latn.t(($) => $.error.STAFF_PIN_LOCKED, errorValues(LOCKED, 'uz-Latn'))).toContain(
      'soat 23:45 gacha',
    );
    const notSet: ContractError = { code: 'STAFF_PIN_NOT_SET', message: 'x' };
    expect(createI18n('kk').t(($) => $.error.STAFF_PIN_NOT_SET, errorValues(notSet, 'kk'))).toContain(
      'bitig admin set-staff-pin',
    );
  });

  it('tells a patron in their language that the card must wait', () => {
    const patron: ContractError = { code: 'PATRON_PIN_LOCKED', message: 'x' };
    for (const [lng, words] of [
      ['uz-Cyrl', 'бир дақиқа'],
      ['uz-Latn', 'bir daqiqa'],
      ['ru', 'минуту'],
      ['kk', 'бір минут'],
      ['en', 'a minute'],
    ] as const) {
      expect(createI18n(lng).t(($) => $.error.PATRON_PIN_LOCKED, errorValues(patron, lng))).toContain(words);
    }
  });
});

describe('the staff PIN at setup', () => {
  it('is needed for a kiosk, may wait on a scanning station, and must be typed twice alike', () => {
    expect(setupPinProblem('kiosk', '', '')).toBe(SetupPinProblem.required);
    expect(setupPinProblem('station', '', '')).toBeNull();
    expect(setupPinProblem(null, '', '')).toBeNull();
    expect(setupPinProblem('station', '12', '12')).toBe(SetupPinProblem.short);
    expect(setupPinProblem('kiosk', '2468', '2469')).toBe(SetupPinProblem.mismatch);
    expect(setupPinProblem('kiosk', '2468', '')).toBe(SetupPinProblem.mismatch);
    expect(setupPinProblem('kiosk', '2468', '2468')).toBeNull();
  });
});
