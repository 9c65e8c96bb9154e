import { describe, expect, it, type Mock, vi } from 'vitest';
import {
  attachScanInput,
  charForKey,
  type KeyEventLike,
  type KeyInput,
  ScanDetector,
} from '../../../renderer/src/screens/kiosk/scan-input.js';

/** US-layout physical key of a character, as a wedge scanner would press it. */
function codeOf(ch: string): { code: string; shiftKey: boolean } {
  if (/^\d$/.test(ch)) return { code: `Digit${ch}`, shiftKey: false };
  if (/^[a-z]$/.test(ch)) return { code: `Key${ch.toUpperCase()}`, shiftKey: false };
  if (/^[A-Z]$/.test(ch)) return { code: `Key${ch}`, shiftKey: true };
  const punctuation: Record<string, string> = { '-': 'Minus', '.': 'Period', '/': 'Slash' };
  const code = punctuation[ch];
  if (!code) throw new Error(`no key for ${ch}`);
  return { code, shiftKey: false };
}

/** The keys of `text` then Enter, `gapMs` apart, with `key` as a given layout would report it. */
function keys(
  text: string,
  gapMs: number,
  layout: (ch: string) => string = (ch) => ch,
  start = 1000,
): KeyInput[] {
  const out: KeyInput[] = [...text].map((ch, i) => ({
    ...codeOf(ch),
    key: layout(ch),
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    time: start + i * gapMs,
  }));
  out.push({
    code: 'Enter',
    key: 'Enter',
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    time: start + text.length * gapMs,
  });
  return out;
}

function feed(detector: ScanDetector, input: KeyInput[]): string[] {
  const scans: string[] = [];
  for (const k of input) {
    const step = detector.push(k);
    if (step.kind === 'scan') scans.push(step.code);
  }
  return scans;
}

/** What a Russian (ЙЦУКЕН) layout reports as `key` for the physical keys a scanner presses. */
const RUSSIAN: Record<string, string> = {
  a: 'ф',
  b: 'и',
  c: 'с',
  A: 'Ф',
  B: 'И',
  C: 'С',
  X: 'Ч',
  '.': 'ю',
  '/': '.',
};
const russian = (ch: string) => RUSSIAN[ch] ?? ch;

describe('scan detector', () => {
  it('takes a fast burst ending in Enter as a scan', () => {
    expect(feed(new ScanDetector(), keys('2100001', 8))).toEqual(['2100001']);
  });

  it('does not take slow typing as a scan', () => {
    expect(feed(new ScanDetector(), keys('2100001', 180))).toEqual([]);
  });

  it('does not take fast typing by a person as a scan either', () => {
    expect(feed(new ScanDetector(), keys('2100001', 70))).toEqual([]);
  });

  it('absorbs the odd hiccup of a wireless scanner', () => {
    const input = keys('2100001', 8);
    for (const k of input.slice(4)) k.time += 90;
    expect(feed(new ScanDetector(), input)).toEqual(['2100001']);
  });

  it('drops what was typed slowly before a scan', () => {
    const detector = new ScanDetector();
    const typed = keys('12', 300, undefined, 0).slice(0, -1);
    const scanned = keys('3100004', 10, undefined, 2000);
    expect(feed(detector, [...typed, ...scanned])).toEqual(['3100004']);
  });

  it('needs a fast Enter too (a person pressing Enter after a pause is not a scanner)', () => {
    const input = keys('3100004', 10);
    input[input.length - 1]!.time += 150;
    expect(feed(new ScanDetector(), input)).toEqual([]);
  });

  it('ignores bursts shorter than the minimum length', () => {
    expect(feed(new ScanDetector({ minLength: 3 }), keys('12', 5))).toEqual([]);
    expect(feed(new ScanDetector({ minLength: 3 }), keys('123', 5))).toEqual(['123']);
  });

  it('rebuilds letters and punctuation from the physical keys under a Russian layout', () => {
    expect(feed(new ScanDetector(), keys('ABC-123', 5, russian))).toEqual(['ABC-123']);
    expect(feed(new ScanDetector(), keys('abc.x/1', 5, russian))).toEqual(['abc.x/1']);
  });

  it('accepts the keypad Enter and keypad digits', () => {
    const detector = new ScanDetector();
    const base = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
    const input: KeyInput[] = [
      { ...base, code: 'Numpad4', key: '4', time: 0 },
      { ...base, code: 'Numpad2', key: '2', time: 5 },
      { ...base, code: 'Numpad7', key: '7', time: 10 },
      { ...base, code: 'NumpadEnter', key: 'Enter', time: 15 },
    ];
    expect(feed(detector, input)).toEqual(['427']);
  });

  it('drops the burst on a shortcut and ignores key repeat and Shift alone', () => {
    const detector = new ScanDetector();
    const input = keys('2100001', 5);
    const withShortcut = [...input.slice(0, 3), { ...input[3]!, ctrlKey: true }, ...input.slice(4)];
    expect(feed(detector, withShortcut)).not.toContain('2100001');
    expect(feed(detector, keys('2100001', 5, undefined, 5000))).toEqual(['2100001']);
    const shift = {
      code: 'ShiftLeft',
      key: 'Shift',
      shiftKey: true,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
    };
    const withShift = [...input.slice(0, 2), { ...shift, time: input[1]!.time + 1 }, ...input.slice(2)];
    expect(feed(detector, withShift)).toEqual(['2100001']);
    const repeated = [...input.slice(0, 2), { ...input[1]!, repeat: true }, ...input.slice(2)];
    expect(feed(detector, repeated)).toEqual(['2100001']);
  });

  it('maps keys by position and case', () => {
    expect(charForKey('KeyQ', false)).toBe('q');
    expect(charForKey('KeyQ', true)).toBe('Q');
    expect(charForKey('Digit0', false)).toBe('0');
    expect(charForKey('Digit1', true)).toBe('!');
    expect(charForKey('ArrowLeft', false)).toBeNull();
    expect(charForKey('', false, '7')).toBe('7');
    expect(charForKey('', false, 'ж')).toBeNull();
  });
});

function keyEvent(
  code: string,
  key: string,
  timeStamp: number,
  target: unknown = { tagName: 'BODY' },
): KeyEventLike & { preventDefault: Mock<() => void> } {
  return {
    code,
    key,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    repeat: false,
    timeStamp,
    target,
    preventDefault: vi.fn<() => void>(),
    stopPropagation: vi.fn<() => void>(),
  };
}

class FakeTarget {
  listener: ((e: KeyEventLike) => void) | null = null;
  capture: boolean | null = null;
  addEventListener(_type: 'keydown', listener: (e: KeyEventLike) => void, capture: boolean) {
    this.listener = listener;
    this.capture = capture;
  }
  removeEventListener() {
    this.listener = null;
  }
  press(event: KeyEventLike) {
    this.listener?.(event);
  }
}

describe('attachScanInput', () => {
  it('listens in the capture phase, reports the scan and swallows its Enter', () => {
    const target = new FakeTarget();
    const onScan = vi.fn();
    const stop = attachScanInput(target, onScan);
    expect(target.capture).toBe(true);
    const digits = [...'3100001'].map((d, i) => keyEvent(`Digit${d}`, d, 100 + i * 4));
    for (const e of digits) target.press(e);
    const enter = keyEvent('Enter', 'Enter', 130);
    target.press(enter);
    expect(onScan).toHaveBeenCalledWith('3100001');
    expect(enter.preventDefault).toHaveBeenCalled();
    expect(digits.every((e) => e.preventDefault.mock.calls.length === 0)).toBe(true);
    stop();
    expect(target.listener).toBeNull();
  });

  it('leaves keys typed into a text field alone', () => {
    const target = new FakeTarget();
    const onScan = vi.fn();
    attachScanInput(target, onScan);
    const input = { tagName: 'INPUT' };
    for (const [i, d] of [...'3100001'].entries()) target.press(keyEvent(`Digit${d}`, d, 100 + i * 4, input));
    const enter = keyEvent('Enter', 'Enter', 130, input);
    target.press(enter);
    expect(onScan).not.toHaveBeenCalled();
    expect(enter.preventDefault).not.toHaveBeenCalled();
  });

  it('lets a slow Enter through to the focused button', () => {
    const target = new FakeTarget();
    const onScan = vi.fn();
    attachScanInput(target, onScan);
    target.press(keyEvent('Digit1', '1', 0));
    const enter = keyEvent('Enter', 'Enter', 900);
    target.press(enter);
    expect(onScan).not.toHaveBeenCalled();
    expect(enter.preventDefault).not.toHaveBeenCalled();
  });
});
