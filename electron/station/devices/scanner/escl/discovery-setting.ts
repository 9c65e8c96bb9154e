import { isIPv4 } from 'node:net';

/** The environment variable a site sets to turn eSCL discovery off or to pick its interfaces. */
export const ESCL_DISCOVERY_ENV = 'BITIG_ESCL_DISCOVERY';

export type EsclDiscoverySetting =
  | { enabled: true; interfaces?: string[] }
  | { enabled: false; reason: string };

/**
 * `BITIG_ESCL_DISCOVERY`: unset or `on` browses every interface; `off` (`0`, `false`, `no`) sends
 * nothing, for sites that forbid multicast; a comma-separated list of IPv4 addresses browses
 * those interfaces only. Anything else is read as off: a site that tried to say something and
 * mistyped it most likely meant to restrict, not to open.
 */
export function esclDiscoverySetting(value: string | undefined): EsclDiscoverySetting {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'on' || v === '1' || v === 'true' || v === 'yes')
    return { enabled: true };
  if (v === 'off' || v === '0' || v === 'false' || v === 'no')
    return { enabled: false, reason: `turned off (${ESCL_DISCOVERY_ENV}=${value?.trim()})` };
  const addresses = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (addresses.length > 0 && addresses.every((a) => isIPv4(a)))
    return { enabled: true, interfaces: addresses };
  return {
    enabled: false,
    reason: `${ESCL_DISCOVERY_ENV}="${value}" is not on, off or a list of IPv4 interface addresses; not browsing`,
  };
}
