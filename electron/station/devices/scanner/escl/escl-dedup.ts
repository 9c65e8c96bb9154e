import { isIPv4 } from 'node:net';
import type { ColorMode, ScanSource } from '../scanner.js';
import { type DiscoveredEsclScanner, ESCL_SERVICE_TYPES } from './escl-announcement.js';

/**
 * One entry per device. A device is announced several times: under `_uscan._tcp` and
 * `_uscans._tcp`, on every interface it answers from, with IPv4 and IPv6 addresses, sometimes
 * under a second instance name after a name conflict. Two announcements are the same device when
 * they share a key (TXT UUID, else instance name) or one's URL is among the other's.
 *
 * The entry kept is reached over plain HTTP where the device offers it (the driver does not yet
 * accept a scanner's self-signed certificate), then over IPv4; the others' URLs become its
 * `alternateUrls` and what they say is merged in. The order is stable: by name, then URL.
 */
export function dedupeEsclScanners(found: readonly DiscoveredEsclScanner[]): DiscoveredEsclScanner[] {
  const parent = found.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++) {
      if (sameDevice(found[i]!, found[j]!)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, DiscoveredEsclScanner[]>();
  found.forEach((s, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), s]);
  });
  return [...groups.values()]
    .map(merge)
    .sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url));
}

function sameDevice(a: DiscoveredEsclScanner, b: DiscoveredEsclScanner): boolean {
  if (a.key === b.key) return true;
  const urls = new Set([a.url, ...a.alternateUrls]);
  return urls.has(b.url) || b.alternateUrls.some((u) => urls.has(u));
}

function rank(s: DiscoveredEsclScanner): number {
  return (s.secure ? 2 : 0) + (isIPv4(s.address) ? 0 : 1);
}

function merge(group: DiscoveredEsclScanner[]): DiscoveredEsclScanner {
  const best = [...group].sort((a, b) => rank(a) - rank(b))[0]!;
  const first = <K extends keyof DiscoveredEsclScanner>(k: K) =>
    best[k] ?? group.find((s) => s[k] !== undefined)?.[k];
  const uuid = first('uuid');
  const makeAndModel = first('makeAndModel');
  const note = first('note');
  const icon = first('icon');
  const duplex = first('duplex');
  const urls = new Set(group.flatMap((s) => [s.url, ...s.alternateUrls]));
  urls.delete(best.url);
  return {
    ...best,
    ...(uuid !== undefined ? { uuid } : {}),
    ...(makeAndModel !== undefined ? { makeAndModel } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(icon !== undefined ? { icon } : {}),
    ...(duplex !== undefined ? { duplex } : {}),
    sources: union<ScanSource>(
      group.map((s) => s.sources),
      ['flatbed', 'adf'],
    ),
    modes: union<ColorMode>(
      group.map((s) => s.modes),
      ['color', 'gray', 'lineart'],
    ),
    formats: [...new Set(group.flatMap((s) => s.formats))],
    services: ESCL_SERVICE_TYPES.filter((t) => group.some((s) => s.services.includes(t))),
    alternateUrls: [...urls],
  };
}

function union<T>(lists: T[][], order: readonly T[]): T[] {
  const all = new Set(lists.flat());
  return order.filter((x) => all.has(x));
}
