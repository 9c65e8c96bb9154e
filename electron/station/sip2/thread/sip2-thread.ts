/**
 * A SIP2 connection on a thread of its own, built as `dist/sip2/sip2-thread.cjs` because worker
 * threads load a script from disk. It runs an ordinary `Sip2Client` and answers the requests
 * `Sip2ThreadClient` posts to it; why it exists is told there.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Sip2Client, type Sip2ClientOptions } from '../client.js';
import { asSip2Error } from '../sip2-error.js';
import { THREAD_METHODS, THREAD_READY, type ThreadReply, type ThreadRequest } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('sip2-thread.cjs runs as a worker thread');

const client = new Sip2Client((workerData as { options: Sip2ClientOptions }).options);
const methods: ReadonlySet<string> = new Set(THREAD_METHODS);

// Replies leave in batches, once per turn: answers that arrive together cost the engine's thread
// one wake-up, not one each.
let outgoing: ThreadReply[] = [];
function send(reply: ThreadReply): void {
  if (outgoing.length === 0) setImmediate(flush);
  outgoing.push(reply);
}
function flush(): void {
  if (outgoing.length === 0) return;
  const batch = outgoing;
  outgoing = [];
  port?.postMessage(batch);
}
function fail(id: number, err: unknown): void {
  const error = asSip2Error(err);
  send({ id, error: { kind: error.kind, message: error.message, reason: error.reason } });
}

port.on('message', (requests: ThreadRequest[]) => {
  for (const request of requests) handle(request);
});
port.postMessage(THREAD_READY);

function handle(request: ThreadRequest): void {
  if (request.method === 'close') {
    void client.close().finally(() => {
      send({ id: request.id, value: undefined });
      flush();
    });
    return;
  }
  if (!methods.has(request.method)) {
    fail(request.id, new Error(`No such request: ${String(request.method)}`));
    return;
  }
  const method = client[request.method] as (...args: unknown[]) => Promise<unknown>;
  method.apply(client, request.args).then(
    (value) => send({ id: request.id, value }),
    (err: unknown) => fail(request.id, err),
  );
}
