/**
 * Barcode scanners and most RFID readers are "keyboard wedges": they type the code as key presses,
 * very fast, and end with Enter. This tells such a burst from a person at a keyboard, and rebuilds
 * the characters from the physical keys (`KeyboardEvent.code`) rather than from `key`, so a scan
 * reads the same whatever keyboard layout the operating system has on (a Russian or Uzbek Cyrillic
 * layout turns the key under "A" into "ф"; its `code` is still `KeyA`).
 */

import { isTypingTarget } from '../../ui/typing.js';

/** The part of a KeyboardEvent the detector reads; tests pass plain objects. */
export interface KeyInput {
  code: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
  /** Milliseconds, from any fixed origin (the event's `timeStamp`). */
  time: number;
}

export interface ScanOptions {
  /** The longest pause between two keys of one scan (a longer one starts afresh). */
  maxGapMs: number;
  /**
   * The slowest average pace of a scan, Enter included. Scanners type a key every 2–30 ms (Bluetooth
   * ones with the odd longer hiccup, which the average absorbs); people rarely go under 80.
   */
  maxAverageMs: number;
  /** The shortest code taken as a scan (a single key and Enter is a person). */
  minLength: number;
  /** The longest code kept; longer bursts are not ids. */
  maxLength: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  maxGapMs: 100,
  maxAverageMs: 40,
  minLength: 3,
  maxLength: 64,
};

/** What a key press meant to the detector. */
export type ScanStep =
  /** Enter ended a fast burst: `code` is the scan (the caller should swallow this Enter). */
  | { kind: 'scan'; code: string }
  /** Part of a possible scan, or an ordinary key: nothing to do yet. */
  | { kind: 'key' }
  /** Not for the detector (a shortcut, a modifier): the buffer was dropped. */
  | { kind: 'ignored' };

const SHIFTED_DIGITS = ')!@#$%^&*(';

/** Physical keys (US positions) → the character they stand for, unshifted and shifted. */
const PUNCTUATION: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadDecimal: ['.', '.'],
};

/**
 * The character a physical key stands for on a US layout, whatever layout is active; null for keys
 * that type nothing (Shift, arrows…). Letters follow Shift (scanners send Shift for capitals).
 */
export function charForKey(code: string, shift: boolean, key = ''): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return shift ? m[1]! : m[1]!.toLowerCase();
  m = /^Digit(\d)$/.exec(code);
  if (m) return shift ? SHIFTED_DIGITS[Number(m[1])]! : m[1]!;
  m = /^Numpad(\d)$/.exec(code);
  if (m) return m[1]!;
  const punctuation = PUNCTUATION[code];
  if (punctuation) return shift ? punctuation[1] : punctuation[0];
  // No physical key (some virtual keyboards and emulators send an empty code): trust `key` if it is
  // one plain ASCII character.
  if (code === '' && /^[\x21-\x7e]$/.test(key)) return key;
  return null;
}

function isEnter(code: string, key: string): boolean {
  return code === 'Enter' || code === 'NumpadEnter' || (code === '' && key === 'Enter');
}

function isModifierOnly(key: string): boolean {
  return key === 'Shift' || key === 'CapsLock';
}

/**
 * Collects key presses; `push` says when Enter closes a burst that was fast all along. A slow key
 * starts a new burst, so someone typing (or a scan that follows typing) is never mixed in.
 */
export class ScanDetector {
  readonly #options: ScanOptions;
  #buffer = '';
  #first = 0;
  #last = Number.NEGATIVE_INFINITY;

  constructor(options: Partial<ScanOptions> = {}) {
    this.#options = { ...DEFAULT_SCAN_OPTIONS, ...options };
  }

  push(input: KeyInput): ScanStep {
    if (input.ctrlKey || input.altKey || input.metaKey) {
      this.reset();
      return { kind: 'ignored' };
    }
    if (input.repeat || isModifierOnly(input.key)) return { kind: 'ignored' };
    const fast = input.time - this.#last <= this.#options.maxGapMs;
    if (isEnter(input.code, input.key)) {
      const code = this.#buffer;
      const average = (input.time - this.#first) / Math.max(1, code.length);
      const scan = fast && code.length >= this.#options.minLength && average <= this.#options.maxAverageMs;
      this.reset();
      return scan ? { kind: 'scan', code } : { kind: 'key' };
    }
    const ch = charForKey(input.code, input.shiftKey, input.key);
    if (ch === null) {
      this.reset();
      return { kind: 'ignored' };
    }
    if (!fast || this.#buffer.length >= this.#options.maxLength) {
      this.#buffer = '';
      this.#first = input.time;
    }
    this.#buffer += ch;
    this.#last = input.time;
    return { kind: 'key' };
  }

  reset(): void {
    this.#buffer = '';
    this.#last = Number.NEGATIVE_INFINITY;
  }
}

/** What `attachScanInput` needs of a KeyboardEvent. */
export interface KeyEventLike {
  code: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  timeStamp: number;
  target: unknown;
  preventDefault(): void;
  stopPropagation(): void;
}

export interface KeyTarget {
  addEventListener(type: 'keydown', listener: (event: KeyEventLike) => void, capture: boolean): void;
  removeEventListener(type: 'keydown', listener: (event: KeyEventLike) => void, capture: boolean): void;
}

/**
 * Listens for scans on `target` (the window) before anything else sees the keys, and swallows the
 * Enter that ends a scan, so it does not also press whichever button has the focus.
 * Returns the function that stops listening.
 */
export function attachScanInput(
  target: KeyTarget,
  onScan: (code: string) => void,
  options: Partial<ScanOptions> = {},
  now: () => number = () => Date.now(),
): () => void {
  const detector = new ScanDetector(options);
  const listener = (event: KeyEventLike) => {
    if (isTypingTarget(event.target)) {
      detector.reset();
      return;
    }
    const step = detector.push({
      code: event.code,
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      repeat: event.repeat,
      time: event.timeStamp > 0 ? event.timeStamp : now(),
    });
    if (step.kind === 'scan') {
      event.preventDefault();
      event.stopPropagation();
      onScan(step.code);
    }
  };
  target.addEventListener('keydown', listener, true);
  return () => target.removeEventListener('keydown', listener, true);
}
