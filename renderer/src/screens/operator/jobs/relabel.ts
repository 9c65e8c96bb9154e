/** The relabel form: what the operator chose, and the change it makes (only what was chosen). */
import { PAGE_SIDES, PAGE_TYPES, type PageSide, type PageType } from '@contract/index.js';

export interface RelabelDraft {
  /** '' leaves the type as it is. */
  type: PageType | '';
  side: PageSide | '';
  /** Typed label; '' leaves the labels. */
  label: string;
  /** Remove typed labels (back to the numbering rule); wins over `label`. */
  numbered: boolean;
}

export const EMPTY_DRAFT: RelabelDraft = { type: '', side: '', label: '', numbered: false };

export function asPageType(value: string): PageType | '' {
  return (PAGE_TYPES as readonly string[]).includes(value) ? (value as PageType) : '';
}

export function asPageSide(value: string): PageSide | '' {
  return (PAGE_SIDES as readonly string[]).includes(value) ? (value as PageSide) : '';
}

export function relabelChange(draft: RelabelDraft): {
  type?: PageType;
  side?: PageSide;
  label?: string | null;
} {
  const change: { type?: PageType; side?: PageSide; label?: string | null } = {};
  if (draft.type) change.type = draft.type;
  if (draft.side) change.side = draft.side;
  if (draft.numbered) change.label = null;
  else if (draft.label.trim()) change.label = draft.label.trim().slice(0, 64);
  return change;
}

export function isEmptyChange(change: ReturnType<typeof relabelChange>): boolean {
  return change.type === undefined && change.side === undefined && change.label === undefined;
}
