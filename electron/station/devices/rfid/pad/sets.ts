import type { DecodedTag } from '../model/types.js';

/** Where a multi-part set stands on the pad. */
export interface SetStatus {
  primaryItemId: string;
  ownerIsil?: string;
  parts: number;
  /** Part numbers seen on the pad, ascending. */
  present: number[];
  /** Part numbers still missing, ascending: what to tell the patron. */
  missing: number[];
  complete: boolean;
}

/**
 * Groups the tags on the pad into their sets (all parts of a set carry the same primary item
 * identifier and owner, each with its own part number) and says which parts are missing. Items whose
 * set has one part are not listed: there is nothing to wait for.
 */
export function setsOnPad(tags: readonly (DecodedTag | undefined)[]): SetStatus[] {
  const groups = new Map<string, { tag: DecodedTag; parts: Set<number>; declared: number }>();
  for (const tag of tags) {
    if (!tag?.primaryItemId || !tag.setInfo || tag.setInfo.parts <= 1) continue;
    const key = `${tag.ownerIsil ?? ''}\u0000${tag.primaryItemId}`;
    const group = groups.get(key) ?? { tag, parts: new Set<number>(), declared: 0 };
    group.parts.add(tag.setInfo.part);
    // Parts disagreeing about the set size: wait for the largest.
    group.declared = Math.max(group.declared, tag.setInfo.parts);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ tag, parts, declared }) => {
    const missing: number[] = [];
    for (let part = 1; part <= declared; part++) if (!parts.has(part)) missing.push(part);
    return {
      primaryItemId: tag.primaryItemId!,
      ...(tag.ownerIsil !== undefined && { ownerIsil: tag.ownerIsil }),
      parts: declared,
      present: [...parts].sort((a, b) => a - b),
      missing,
      complete: missing.length === 0,
    };
  });
}

/** Whether every part of the set `primaryItemId` belongs to is on the pad (true for single items). */
export function isSetComplete(
  tags: readonly (DecodedTag | undefined)[],
  primaryItemId: string,
  ownerIsil?: string,
): boolean {
  const status = setsOnPad(tags).find(
    (s) => s.primaryItemId === primaryItemId && (ownerIsil === undefined || s.ownerIsil === ownerIsil),
  );
  return status ? status.complete : true;
}
