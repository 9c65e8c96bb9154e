/**
 * What a key press means on the capture and review screens. Pure, over the fields of a
 * KeyboardEvent, so the shortcuts are tested without a browser. Physical keys (`code`) are read
 * where a letter is meant, so a Cyrillic layout does not change them.
 */
import type { MoveStep } from '../../../stores/page-selection.js';

export interface KeyLike {
  key: string;
  code?: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
}

const plain = (e: KeyLike) => !e.ctrlKey && !e.altKey && !e.metaKey;

export const CAPTURE_SCAN = 'scan';
export const CAPTURE_STOP = 'stop';

/** Capture: Space or PageDown (what foot pedals send) scans, Escape stops. */
export function captureKey(e: KeyLike): typeof CAPTURE_SCAN | typeof CAPTURE_STOP | null {
  if (!plain(e) || e.shiftKey) return null;
  if (e.key === ' ' || e.code === 'Space' || e.key === 'PageDown') return e.repeat ? null : CAPTURE_SCAN;
  if (e.key === 'Escape') return CAPTURE_STOP;
  return null;
}

export type GridAction =
  | { kind: 'focus'; delta: number; extend: boolean }
  | { kind: 'edge'; edge: 'first' | 'last'; extend: boolean }
  | { kind: 'move'; step: MoveStep }
  | { kind: 'selectAll' }
  | { kind: 'clear' }
  | { kind: 'delete' }
  | { kind: 'open' }
  | { kind: 'rotate'; by: 90 | -90 };

/** Rows PageUp and PageDown move the focus by. */
export const PAGE_ROWS = 3;

/** The review grid's keys; `columns` is how many cells a row holds (up and down move by a row). */
export function gridKey(e: KeyLike, columns: number): GridAction | null {
  const cols = Math.max(1, columns);
  const arrow: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -cols,
    ArrowDown: cols,
    PageUp: -cols * PAGE_ROWS,
    PageDown: cols * PAGE_ROWS,
  };
  const delta = arrow[e.key];
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    if (delta !== undefined && Math.abs(delta) <= cols) return { kind: 'move', step: delta };
    if (e.key === 'Home') return { kind: 'move', step: 'first' };
    if (e.key === 'End') return { kind: 'move', step: 'last' };
    return null;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    if (e.code === 'KeyA' || e.key === 'a' || e.key === 'A') return { kind: 'selectAll' };
    return null;
  }
  if (e.ctrlKey || e.metaKey) return null;
  if (delta !== undefined) return { kind: 'focus', delta, extend: e.shiftKey };
  if (e.key === 'Home') return { kind: 'edge', edge: 'first', extend: e.shiftKey };
  if (e.key === 'End') return { kind: 'edge', edge: 'last', extend: e.shiftKey };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete' };
  if (e.key === 'Enter' || e.key === ' ') return { kind: 'open' };
  if (e.key === 'Escape') return { kind: 'clear' };
  if (e.code === 'KeyR') return { kind: 'rotate', by: e.shiftKey ? -90 : 90 };
  return null;
}

/** Anywhere on the review screen but a text field: Ctrl+Z (Cmd+Z) undoes the last page operation. */
export function isUndoKey(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyZ' || e.key === 'z');
}

export type ViewerAction = 'zoomIn' | 'zoomOut' | 'zoomReset' | 'prev' | 'next' | 'close';

/** The viewer: + and − zoom, 0 fits, arrows or PageUp/PageDown turn pages, Escape closes. */
export function viewerKey(e: KeyLike): ViewerAction | null {
  if (e.altKey || e.metaKey) return null;
  if (e.key === '+' || e.key === '=' || e.code === 'NumpadAdd') return 'zoomIn';
  if (e.key === '-' || e.key === '_' || e.code === 'NumpadSubtract') return 'zoomOut';
  if (e.ctrlKey) return null;
  if (e.key === '0' || e.code === 'Numpad0') return 'zoomReset';
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') return 'prev';
  if (e.key === 'ArrowRight' || e.key === 'PageDown') return 'next';
  if (e.key === 'Escape') return 'close';
  return null;
}

export const CROP = { apply: 'apply', cancel: 'cancel', nudge: 'nudge' } as const;

export type CropAction =
  | { kind: 'apply' }
  | { kind: 'cancel' }
  | { kind: 'nudge'; dx: number; dy: number; resize: boolean };

/**
 * The viewer in crop mode: Enter applies the box, Escape leaves crop mode (the viewer stays open),
 * arrows move the box, Shift+arrows move its right or bottom edge. Zoom keys keep their meaning.
 */
export function cropKey(e: KeyLike): CropAction | null {
  if (e.altKey || e.metaKey || e.ctrlKey) return null;
  if (e.key === 'Enter') return e.repeat ? null : { kind: 'apply' };
  if (e.key === 'Escape') return { kind: 'cancel' };
  const arrows: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const step = arrows[e.key];
  return step ? { kind: 'nudge', dx: step[0], dy: step[1], resize: e.shiftKey } : null;
}

export const VIEWER = {
  zoomIn: 'zoomIn',
  zoomOut: 'zoomOut',
  zoomReset: 'zoomReset',
  prev: 'prev',
  next: 'next',
  close: 'close',
} as const satisfies Record<ViewerAction, ViewerAction>;

/** A button presses itself on Enter: the key is its own, not a shortcut's. */
export function isButtonTarget(target: unknown): boolean {
  return (
    typeof target === 'object' && target !== null && (target as { tagName?: unknown }).tagName === 'BUTTON'
  );
}
