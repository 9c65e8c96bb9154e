import { isIPv4, isIPv6 } from 'node:net';

/**
 * What mDNS responders said about a few DNS-SD service types, gathered across packets: answers
 * and additional records arrive in any order and split over several responses (a PTR first, its
 * SRV and TXT with it or only when asked, the host's addresses in yet another packet), so a
 * service instance can only be put together once the browse is over.
 *
 * Every record comes from the network and is checked before it is kept; a record of the wrong
 * shape is dropped on its own, never the packet around it. A record with TTL 0 is a goodbye and
 * removes what it names. The number of names kept is bounded, so a chatty network cannot grow
 * memory without end.
 */

export interface DnsSdQuestion {
  name: string;
  type: 'PTR' | 'SRV' | 'TXT' | 'A' | 'AAAA';
}

export interface DnsSdSrv {
  target: string;
  port: number;
  priority: number;
  weight: number;
}

/** One service instance as announced, possibly incomplete. */
export interface DnsSdInstance {
  /** `_uscan._tcp` */
  serviceType: string;
  /** The instance label, as the device wrote it: `Office MFP (4F9A2B)`. */
  instance: string;
  /** `Office MFP (4F9A2B)._uscan._tcp.local` */
  fqdn: string;
  srv?: DnsSdSrv;
  /** The TXT record's strings as received (see dns-sd-txt.ts); undefined when none came. */
  txt?: unknown;
  /** The SRV target's addresses, in the order they arrived. */
  ipv4: string[];
  ipv6: string[];
}

const MAX_NAMES = 2048;

interface Incoming {
  name?: unknown;
  type?: unknown;
  ttl?: unknown;
  data?: unknown;
}

/** DNS names compare case-insensitively and may come with the root's trailing dot. */
export function dnsKey(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

export class DnsSdRecords {
  /** service type key → instance key → instance FQDN as written. */
  readonly #ptr = new Map<string, Map<string, string>>();
  readonly #srv = new Map<string, DnsSdSrv[]>();
  readonly #txt = new Map<string, unknown>();
  readonly #ipv4 = new Map<string, Set<string>>();
  readonly #ipv6 = new Map<string, Set<string>>();
  /** Source addresses of the responses, to prefer an address the device was heard from. */
  readonly senders = new Set<string>();
  #names = 0;

  /** `serviceTypes` without the domain: `_uscan._tcp`. Browsing is in `.local`. */
  constructor(
    readonly serviceTypes: readonly string[],
    readonly domain = 'local',
  ) {}

  /** Takes every record of a response: answers, authorities and additionals alike. */
  addResponse(packet: unknown, sender?: string): void {
    if (!packet || typeof packet !== 'object') return;
    const p = packet as Record<string, unknown>;
    if (sender) this.senders.add(sender);
    for (const section of [p.answers, p.authorities, p.additionals]) {
      if (!Array.isArray(section)) continue;
      for (const record of section) this.#add(record as Incoming);
    }
  }

  /** Every instance of the browsed types seen so far, complete or not. */
  instances(): DnsSdInstance[] {
    const out: DnsSdInstance[] = [];
    for (const serviceType of this.serviceTypes) {
      const suffix = `.${serviceType}.${this.domain}`;
      for (const [key, fqdn] of this.#ptr.get(dnsKey(`${serviceType}.${this.domain}`)) ?? []) {
        const srv = this.#bestSrv(key);
        const txt = this.#txt.get(key);
        const host = srv ? dnsKey(srv.target) : undefined;
        out.push({
          serviceType,
          instance: fqdn.slice(0, fqdn.length - suffix.length),
          fqdn,
          ...(srv ? { srv } : {}),
          ...(this.#txt.has(key) ? { txt } : {}),
          ipv4: host ? [...(this.#ipv4.get(host) ?? [])] : [],
          ipv6: host ? [...(this.#ipv6.get(host) ?? [])] : [],
        });
      }
    }
    return out;
  }

  /**
   * What is still to be asked for: SRV and TXT of instances known only by their PTR, addresses of
   * SRV targets not yet resolved. Responders that send everything at once leave this empty.
   */
  missing(): DnsSdQuestion[] {
    const out: DnsSdQuestion[] = [];
    for (const i of this.instances()) {
      if (!i.srv) out.push({ name: i.fqdn, type: 'SRV' });
      if (i.txt === undefined) out.push({ name: i.fqdn, type: 'TXT' });
      if (i.srv && i.ipv4.length === 0 && i.ipv6.length === 0) {
        out.push({ name: i.srv.target, type: 'A' }, { name: i.srv.target, type: 'AAAA' });
      }
    }
    return out;
  }

  #add(r: Incoming): void {
    if (!r || typeof r !== 'object' || typeof r.name !== 'string' || typeof r.type !== 'string') return;
    const key = dnsKey(r.name);
    const goodbye = r.ttl === 0;
    switch (r.type) {
      case 'PTR':
        this.#addPtr(key, r.data, goodbye);
        break;
      case 'SRV':
        this.#addSrv(key, r.data, goodbye);
        break;
      case 'TXT':
        if (goodbye) this.#txt.delete(key);
        else if (this.#room(this.#txt, key)) this.#txt.set(key, r.data);
        break;
      case 'A':
        this.#addAddress(this.#ipv4, key, r.data, isIPv4, goodbye);
        break;
      case 'AAAA':
        this.#addAddress(this.#ipv6, key, r.data, isIPv6, goodbye);
        break;
    }
  }

  #addPtr(key: string, data: unknown, goodbye: boolean): void {
    const type = this.serviceTypes.find((t) => dnsKey(`${t}.${this.domain}`) === key);
    if (!type || typeof data !== 'string') return;
    const fqdn = data.replace(/\.$/, '');
    const suffix = `.${type}.${this.domain}`;
    // An instance of this type is "<label>.<type>.<domain>"; a PTR pointing elsewhere is not one.
    if (fqdn.length <= suffix.length || !dnsKey(fqdn).endsWith(dnsKey(suffix))) return;
    let instances = this.#ptr.get(key);
    if (goodbye) {
      instances?.delete(dnsKey(fqdn));
      return;
    }
    if (!instances) {
      instances = new Map();
      this.#ptr.set(key, instances);
    }
    if (this.#room(instances, dnsKey(fqdn))) instances.set(dnsKey(fqdn), fqdn);
  }

  #addSrv(key: string, data: unknown, goodbye: boolean): void {
    if (!data || typeof data !== 'object') return;
    const d = data as Record<string, unknown>;
    const srv: DnsSdSrv = {
      target: typeof d.target === 'string' ? d.target.replace(/\.$/, '') : '',
      port: typeof d.port === 'number' ? d.port : 0,
      priority: typeof d.priority === 'number' ? d.priority : 0,
      weight: typeof d.weight === 'number' ? d.weight : 0,
    };
    const others = (this.#srv.get(key) ?? []).filter(
      (s) => !(dnsKey(s.target) === dnsKey(srv.target) && s.port === srv.port),
    );
    if (goodbye) {
      if (others.length > 0) this.#srv.set(key, others);
      else this.#srv.delete(key);
      return;
    }
    if (this.#room(this.#srv, key)) this.#srv.set(key, [...others, srv]);
  }

  #addAddress(
    table: Map<string, Set<string>>,
    key: string,
    data: unknown,
    valid: (s: string) => boolean,
    goodbye: boolean,
  ): void {
    if (typeof data !== 'string' || !valid(data)) return;
    const set = table.get(key);
    if (goodbye) {
      set?.delete(data);
      return;
    }
    if (set) set.add(data);
    else if (this.#room(table, key)) table.set(key, new Set([data]));
  }

  /** Lowest priority first, then the heaviest (RFC 2782); a device rarely has more than one. */
  #bestSrv(key: string): DnsSdSrv | undefined {
    const list = this.#srv.get(key);
    if (!list || list.length === 0) return undefined;
    return [...list].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  }

  #room(map: Map<string, unknown>, key: string): boolean {
    if (map.has(key)) return true;
    if (this.#names >= MAX_NAMES) return false;
    this.#names++;
    return true;
  }
}
