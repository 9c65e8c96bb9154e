import dgram from 'node:dgram';
import type { Answer, Question } from 'dns-packet';
import multicastDns from 'multicast-dns';

/**
 * A real mDNS responder for tests, built on the same library as the station's browser. It joins
 * the mDNS group on one interface (the loopback in tests, so nothing leaves the machine) and
 * answers DNS-SD questions for the services it is given, one response per service, the way each
 * device on a network answers for itself.
 */

export interface AnnouncedService {
  instance: string;
  type?: '_uscan._tcp' | '_uscans._tcp';
  /** SRV target. */
  host: string;
  port: number;
  /** TXT strings; `null` sends no TXT record at all. */
  txt?: (string | Buffer)[] | null;
  /** A and AAAA records of `host`. */
  addresses?: string[];
  /** `false` sends no SRV record. */
  srv?: boolean;
  /** Milliseconds to wait before answering (a slow device). */
  delayMs?: number;
}

export interface ResponderOptions {
  /** IPv4 address of the interface to answer on. */
  iface: string;
  services: AnnouncedService[];
  /**
   * With `false` a PTR question gets the PTR alone and the browser must ask for SRV, TXT and the
   * addresses itself (some devices answer that way).
   */
  additionals?: boolean;
}

export interface TestResponder {
  /** Every question it was asked, in order. */
  questions: Question[];
  close(): Promise<void>;
}

export async function startResponder(options: ResponderOptions): Promise<TestResponder> {
  const mdns = multicastDns({ interface: options.iface, bind: '0.0.0.0', reuseAddr: true, loopback: true });
  const questions: Question[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  mdns.on('warning', () => {});
  mdns.on('query', (query) => {
    questions.push(...query.questions);
    for (const service of options.services) {
      const answers: Answer[] = [];
      const additionals: Answer[] = [];
      for (const q of query.questions) {
        const records = recordsOf(service);
        const { ptr, srv, txt, addresses } = records;
        const name = q.name.toLowerCase();
        // dns-packet's types leave out ANY (255), which it decodes all the same.
        const type = q.type as string;
        const any = type === 'ANY';
        if (name === ptr.name.toLowerCase() && (type === 'PTR' || any)) {
          answers.push(ptr);
          if (options.additionals !== false) additionals.push(...srv, ...txt, ...addresses);
        }
        if (name === records.fqdn.toLowerCase()) {
          if (type === 'SRV' || any) answers.push(...srv);
          if (type === 'TXT' || any) answers.push(...txt);
        }
        if (name === service.host.toLowerCase()) {
          answers.push(...addresses.filter((a) => any || a.type === type));
        }
      }
      if (answers.length === 0) continue;
      const send = () => {
        if (!closed) mdns.respond({ answers, additionals });
      };
      if (!service.delayMs) send();
      else {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, service.delayMs);
        timers.add(t);
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    mdns.once('ready', resolve);
    mdns.once('error', reject);
  });

  return {
    questions,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        mdns.destroy(() => resolve());
      }),
  };
}

function recordsOf(s: AnnouncedService) {
  const type = s.type ?? '_uscan._tcp';
  const fqdn = `${s.instance}.${type}.local`;
  const ptr: Answer = { name: `${type}.local`, type: 'PTR', ttl: 4500, data: fqdn };
  const srv: Answer[] =
    s.srv === false
      ? []
      : [
          {
            name: fqdn,
            type: 'SRV',
            ttl: 120,
            flush: true,
            data: { port: s.port, target: s.host, priority: 0, weight: 0 },
          },
        ];
  const txt: Answer[] =
    s.txt === null ? [] : [{ name: fqdn, type: 'TXT', ttl: 4500, flush: true, data: s.txt ?? [] }];
  const addresses: Answer[] = (s.addresses ?? []).map((a) =>
    a.includes(':')
      ? { name: s.host, type: 'AAAA', ttl: 120, flush: true, data: a }
      : { name: s.host, type: 'A', ttl: 120, flush: true, data: a },
  );
  return { fqdn, ptr, srv, txt, addresses };
}

/**
 * Sends raw datagrams to the mDNS group out of one interface only (packets no DNS decoder
 * accepts, as a broken device might send).
 */
export async function sendRaw(iface: string, datagrams: Buffer[]): Promise<void> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve) => socket.bind(0, iface, resolve));
  socket.setMulticastInterface(iface);
  socket.setMulticastLoopback(true);
  for (const d of datagrams) {
    await new Promise<void>((resolve, reject) =>
      socket.send(d, 5353, '224.0.0.251', (err) => (err ? reject(err) : resolve())),
    );
  }
  await new Promise<void>((resolve) => socket.close(() => resolve()));
}

/**
 * Whether multicast works on `iface` at all: a socket joined to the mDNS group there hears its
 * own datagram. Says why not when it does not.
 */
export async function multicastProblem(iface: string): Promise<string | undefined> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(5353, '0.0.0.0', () => resolve());
    });
    socket.addMembership('224.0.0.251', iface);
    socket.setMulticastInterface(iface);
    socket.setMulticastLoopback(true);
    const marker = Buffer.from(`bitig-multicast-check-${process.pid}-${Date.now()}`);
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1000);
      socket.on('message', (msg) => {
        if (msg.equals(marker)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
    await new Promise<void>((resolve, reject) =>
      socket.send(marker, 5353, '224.0.0.251', (err) => (err ? reject(err) : resolve())),
    );
    return (await heard) ? undefined : `a datagram sent to 224.0.0.251 on ${iface} did not come back`;
  } catch (err) {
    return `multicast on ${iface}: ${(err as Error).message}`;
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
