/**
 * Writes a bag and is SIGKILLed by the bagit test half way, as a power cut or a crash would stop
 * the station: it prints a line after each payload file. Arguments: the bag's folder, a JSON file
 * of the payload files (`BagFile[]`).
 */
import fs from 'node:fs';
import { type BagFile, writeBag } from '../../../electron/station/packages/bagit/writer.js';

const [dir, filesJson] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(filesJson!, 'utf8')) as BagFile[];

void writeBag(
  dir!,
  files,
  { sourceOrganization: 'Test library', externalIdentifier: 'crash', baggingDate: '2025-01-31' },
  // One file at a time, so the kill lands between two files' progress lines.
  { concurrency: 1, onFile: (done, total) => process.stdout.write(`${done}/${total}\n`) },
).then(() => process.stdout.write('done\n'));
