/**
 * The image pipeline's worker thread. Built to its own file (esbuild entry
 * `digitization/pipeline-worker`) because worker_threads load a script from disk.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskMessage, WorkerMessage } from './protocol.js';
import { runTask, serializeError } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('The pipeline worker runs only as a worker thread.');

port.on('message', (message: TaskMessage) => {
  const send = (reply: WorkerMessage) => port.postMessage(reply);
  runTask(message, (data) => send({ id: message.id, type: 'progress', data })).then(
    (result) => send({ id: message.id, type: 'done', result }),
    (err: unknown) => send({ id: message.id, type: 'error', error: serializeError(err) }),
  );
});
