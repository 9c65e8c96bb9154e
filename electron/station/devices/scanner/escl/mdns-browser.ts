import multicastDns from 'multicast-dns';
import type { DnsSdQuestion } from './dns-sd-records.js';

/**
 * The few things the browser needs from an mDNS socket: multicast-dns's instance, or a fake in
 * unit tests.
 */
export interface MdnsSocket {
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'response', listener: (packet: unknown, rinfo: { address: string }) => void): unknown;
  on(event: 'error' | 'warning', listener: (err: Error) => void): unknown;
  query(packet: { questions: DnsSdQuestion[] }, callback: (err: Error | null) => void): void;
  destroy(callback?: () => void): void;
}

/** Opens an mDNS socket that queries out of, and joins the group on, one interface (its IPv4 address). */
export type MdnsSocketFactory = (iface: string) => MdnsSocket;

/**
 * Port 5353 shared with the OS's own responder (avahi, mDNSResponder, Windows' DNS client) by
 * SO_REUSEADDR, bound to every address (a socket bound to the interface's own address would not
 * see datagrams sent to the group), queries sent out of `iface` only.
 */
export const multicastDnsSocket: MdnsSocketFactory = (iface) =>
  multicastDns({
    interface: iface,
    bind: '0.0.0.0',
    reuseAddr: true,
    loopback: true,
  }) as unknown as MdnsSocket;

export interface BrowseOptions {
  /** Asked at the start on every interface, and again at `repeatAtMs`. */
  questions: DnsSdQuestion[];
  /** IPv4 addresses of the interfaces to browse on. */
  interfaces: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Every response packet, decoded, with the address it came from. */
  onResponse: (packet: unknown, sender: string) => void;
  /** What to ask next after a response came in (missing SRV, TXT, addresses). */
  followUp?: () => DnsSdQuestion[];
  /** Milliseconds after the start at which the questions are asked again (a lost datagram). */
  repeatAtMs?: number[];
  createSocket?: MdnsSocketFactory;
}

export interface BrowseResult {
  /** Interfaces a query went out on. */
  browsed: string[];
  /** What went wrong, per interface: `192.0.2.2: bind EADDRINUSE 0.0.0.0:5353`. */
  problems: string[];
  /** Packets that could not be decoded as DNS (the library drops them). */
  malformedPackets: number;
}

/** A follow-up question is not asked again sooner than this. */
const REASK_MS = 400;
/** Responses often come in bursts; their follow-ups go out together. */
const FOLLOW_UP_DELAY_MS = 25;
/** A socket that never reports closing is not waited for longer than this. */
const CLOSE_WAIT_MS = 1000;

/**
 * Sends DNS-SD questions on each interface for `timeoutMs` and hands every response on. Resolves
 * when the time is up or `signal` aborts, after every socket is closed; never rejects: a socket
 * that cannot be opened, bound or sent from is reported in `problems` and the others go on.
 */
export async function browseMdns(options: BrowseOptions): Promise<BrowseResult> {
  const result: BrowseResult = { browsed: [], problems: [], malformedPackets: 0 };
  if (options.signal?.aborted) return result;
  const create = options.createSocket ?? multicastDnsSocket;
  const open: { iface: string; socket: MdnsSocket; ready: boolean; failed: boolean }[] = [];
  const asked = new Map<string, number>();
  const timers: NodeJS.Timeout[] = [];
  let followUpTimer: NodeJS.Timeout | undefined;
  let finished = false;

  const problem = (iface: string, err: unknown) => {
    const e = err as { message?: string };
    const text = `${iface}: ${e?.message ?? String(err)}`;
    if (!result.problems.includes(text)) result.problems.push(text);
  };

  const send = (entry: (typeof open)[number], questions: DnsSdQuestion[]) => {
    if (finished || entry.failed || !entry.ready || questions.length === 0) return;
    try {
      entry.socket.query({ questions }, (err) => {
        if (err) problem(entry.iface, err);
        else if (!result.browsed.includes(entry.iface)) result.browsed.push(entry.iface);
      });
    } catch (err) {
      problem(entry.iface, err);
    }
  };

  const askFollowUps = () => {
    followUpTimer = undefined;
    if (finished || !options.followUp) return;
    let questions: DnsSdQuestion[];
    try {
      questions = options.followUp();
    } catch {
      return;
    }
    const now = Date.now();
    const due = questions.filter((q) => {
      const key = `${q.type} ${q.name.toLowerCase()}`;
      const last = asked.get(key);
      if (last !== undefined && now - last < REASK_MS) return false;
      asked.set(key, now);
      return true;
    });
    for (const entry of open) send(entry, due);
  };

  for (const iface of options.interfaces) {
    let socket: MdnsSocket;
    try {
      socket = create(iface);
    } catch (err) {
      problem(iface, err);
      continue;
    }
    const entry = { iface, socket, ready: false, failed: false };
    open.push(entry);
    socket.on('error', (err) => {
      entry.failed = true;
      problem(iface, err);
    });
    socket.on('warning', (err) => {
      // System errors (addMembership, setMulticastInterface) carry a code; a packet that is not
      // DNS only a message.
      if ((err as { code?: unknown }).code !== undefined) problem(iface, err);
      else result.malformedPackets++;
    });
    socket.on('ready', () => {
      entry.ready = true;
      send(entry, options.questions);
    });
    socket.on('response', (packet, rinfo) => {
      if (finished) return;
      try {
        options.onResponse(packet, rinfo?.address ?? '');
      } catch {
        // A response that cannot be used is left out; the browse goes on.
      }
      followUpTimer ??= setTimeout(askFollowUps, FOLLOW_UP_DELAY_MS);
    });
  }

  await new Promise<void>((resolve) => {
    const end = () => {
      options.signal?.removeEventListener('abort', end);
      for (const t of timers) clearTimeout(t);
      resolve();
    };
    timers.push(setTimeout(end, Math.max(0, options.timeoutMs)));
    for (const at of options.repeatAtMs ?? []) {
      if (at > 0 && at < options.timeoutMs) {
        timers.push(
          setTimeout(() => {
            for (const e of open) send(e, options.questions);
          }, at),
        );
      }
    }
    options.signal?.addEventListener('abort', end, { once: true });
  });

  finished = true;
  if (followUpTimer) clearTimeout(followUpTimer);
  await Promise.all(open.map((e) => close(e.socket)));
  return result;
}

function close(socket: MdnsSocket): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      socket.destroy(done);
    } catch {
      done();
    }
  });
}
