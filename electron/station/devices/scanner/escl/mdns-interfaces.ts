import os from 'node:os';

/**
 * The interfaces a browse goes out on by default: one IPv4 address per interface that is not the
 * loopback. mDNS is link-local, so a station with a wired and a wireless network asks on both;
 * IPv6-only links are not browsed (their scanners also announce over IPv4 in practice).
 */
export function mdnsInterfaces(
  nets: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string[] {
  const out: string[] = [];
  for (const addresses of Object.values(nets)) {
    const v4 = addresses?.find((a) => (a.family === 'IPv4' || (a.family as unknown) === 4) && !a.internal);
    if (v4 && !out.includes(v4.address)) out.push(v4.address);
  }
  return out;
}
