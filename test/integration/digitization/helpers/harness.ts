import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DigitizationEvents } from '../../../../electron/station/contract/digitization-types.js';
import { DIGITIZATION_TOPICS } from '../../../../electron/station/contract/names.js';
import type { RecordFinder } from '../../../../electron/station/digitization/jobs/job-records.js';
import { ImagePipeline } from '../../../../electron/station/digitization/pipeline/pipeline.js';
import { DigitizationService } from '../../../../electron/station/digitization/service.js';
import { openStore, type Store } from '../../../../electron/station/store/db.js';
import { pipelineWorker } from '../../../helpers/bundle.js';

export interface Harness {
  dir: string;
  store: Store;
  service: DigitizationService;
  /** Every event the service emitted, in order. */
  events: { topic: keyof DigitizationEvents; payload: unknown }[];
  /** Closes the service and store (keeps the folder). */
  stop(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

const TOPICS: readonly (keyof DigitizationEvents)[] = DIGITIZATION_TOPICS;

/** A real database in a temp folder and a real pipeline (worker threads running the built worker). */
export async function openHarness(
  options: { dir?: string; poolSize?: number; finder?: RecordFinder; now?: () => number } = {},
): Promise<Harness> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bitig-digitization-'));
  const store = openStore({ dataDir: dir });
  const pipeline = new ImagePipeline({ workerFile: await pipelineWorker(), size: options.poolSize ?? 2 });
  const service = new DigitizationService({
    db: store.db,
    dataDir: dir,
    pipeline,
    finder: options.finder,
    now: options.now,
  });
  const events: Harness['events'] = [];
  for (const topic of TOPICS) service.events.on(topic, (payload) => events.push({ topic, payload }));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.close();
    store.close();
  };
  return {
    dir,
    store,
    service,
    events,
    stop,
    close: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PROFILE = {
  device: 'sane:test:0',
  source: 'adf',
  mode: 'gray',
  resolution: 300,
  pageSize: 'a4',
};
