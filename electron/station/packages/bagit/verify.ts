/**
 * Our own check of a bag (RFC 8493), before it is delivered and after: what bagit-python and LoC's
 * bagit-java check. bagit.txt (two lines, no BOM, version and encoding), data/ present, every
 * payload file in every payload manifest and every listed file present, every checksum, the
 * Payload-Oxum, the tag manifests (and every tag file in them), no path escaping the bag, no two
 * payload names alike after Unicode normalisation, no links. `ok` when `problems` is empty.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export interface BagCheck {
  ok: boolean;
  problems: string[];
}

const ALGORITHMS: Record<string, string> = {
  sha512: 'sha512',
  sha384: 'sha384',
  sha256: 'sha256',
  sha224: 'sha224',
  sha1: 'sha1',
  md5: 'md5',
};

export async function verifyBag(dir: string): Promise<BagCheck> {
  const problems: string[] = [];
  const root = path.resolve(dir);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory())
    return { ok: false, problems: [`${root} is not a folder`] };

  checkBagitTxt(root, problems);

  const data = path.join(root, 'data');
  const payload = new Map<string, number>();
  if (!fs.lstatSync(data, { throwIfNoEntry: false })?.isDirectory()) problems.push('data/ is missing');
  else await walk(root, 'data', payload, problems);
  checkNormalisation([...payload.keys()], problems);

  const top = await fsp.readdir(root);
  const manifests = top.filter((n) => /^manifest-[a-z0-9]+\.txt$/.test(n)).sort();
  const tagManifests = top.filter((n) => /^tagmanifest-[a-z0-9]+\.txt$/.test(n)).sort();
  if (manifests.length === 0) problems.push('no payload manifest (manifest-<algorithm>.txt)');

  for (const name of manifests) {
    const listed = await checkManifest(root, name, problems, (p) => p.startsWith('data/'));
    for (const file of payload.keys()) if (!listed.has(file)) problems.push(`${file} is not in ${name}`);
  }
  for (const name of tagManifests) {
    const listed = await checkManifest(root, name, problems, (p) => !p.startsWith('data/'));
    for (const tag of top) {
      if (tag === 'data' || tagManifests.includes(tag)) continue;
      if (fs.lstatSync(path.join(root, tag)).isFile() && !listed.has(tag))
        problems.push(`${tag} is not in ${name}`);
    }
  }

  checkBagInfo(root, payload, problems);
  return { ok: problems.length === 0, problems };
}

function checkBagitTxt(root: string, problems: string[]): void {
  const file = path.join(root, 'bagit.txt');
  if (!fs.existsSync(file)) {
    problems.push('bagit.txt is missing');
    return;
  }
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    problems.push('bagit.txt starts with a byte order mark');
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== 2) problems.push(`bagit.txt has ${lines.length} lines, not 2`);
  const version = /^BagIt-Version: (\d+\.\d+)$/.exec(lines[0] ?? '')?.[1];
  if (!version) problems.push('bagit.txt: the first line is not "BagIt-Version: M.N"');
  else if (version !== '1.0' && version !== '0.97')
    problems.push(`bagit.txt: BagIt-Version ${version} is not 1.0 or 0.97`);
  if (lines[1] !== 'Tag-File-Character-Encoding: UTF-8')
    problems.push('bagit.txt: the second line is not "Tag-File-Character-Encoding: UTF-8"');
}

/** Every file under data/ with its size; links and other non-files are problems. */
async function walk(root: string, rel: string, out: Map<string, number>, problems: string[]): Promise<void> {
  for (const entry of await fsp.readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, child, out, problems);
    else if (entry.isFile()) out.set(child, (await fsp.stat(path.join(root, child))).size);
    else problems.push(`${child} is not a plain file (a link or a device)`);
  }
}

function checkNormalisation(files: string[], problems: string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = file.normalize('NFC');
    const other = seen.get(key);
    if (other !== undefined)
      problems.push(`${file} and ${other} are the same name after Unicode normalisation`);
    else seen.set(key, file);
  }
}

/** Checks a manifest's lines; gives the paths it lists. */
async function checkManifest(
  root: string,
  name: string,
  problems: string[],
  belongs: (p: string) => boolean,
): Promise<Set<string>> {
  const listed = new Set<string>();
  const algorithm = ALGORITHMS[/-([a-z0-9]+)\.txt$/.exec(name)![1]!];
  if (!algorithm) {
    problems.push(`${name}: unknown algorithm`);
    return listed;
  }
  const text = fs.readFileSync(path.join(root, name), 'utf8');
  const entries: { path: string; sum: string }[] = [];
  for (const [i, line] of text.split(/\r\n|\n/).entries()) {
    if (line === '') continue;
    const match = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
    if (!match) {
      problems.push(`${name} line ${i + 1} is not "checksum path"`);
      continue;
    }
    const p = decodeManifestPath(match[2]!);
    const segments = p.split('/');
    if (
      p.startsWith('/') ||
      /^[A-Za-z]:/.test(p) ||
      p.includes('\\') ||
      segments.some((s) => s === '..' || s === '.' || s === '')
    ) {
      problems.push(`${name}: ${JSON.stringify(p)} escapes the bag or is not a plain relative path`);
      continue;
    }
    if (!belongs(p)) {
      problems.push(`${name}: ${p} does not belong in this manifest`);
      continue;
    }
    if (listed.has(p)) problems.push(`${name}: ${p} is listed twice`);
    listed.add(p);
    entries.push({ path: p, sum: match[1]!.toLowerCase() });
  }
  let next = 0;
  const lane = async () => {
    while (next < entries.length) {
      const entry = entries[next++]!;
      const file = path.join(root, ...entry.path.split('/'));
      if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) {
        problems.push(`${entry.path} is in ${name} but missing`);
        continue;
      }
      const actual = await hashFile(file, algorithm);
      if (actual !== entry.sum)
        problems.push(`${entry.path}: ${algorithm} is ${actual}, ${name} says ${entry.sum}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return listed;
}

function checkBagInfo(root: string, payload: Map<string, number>, problems: string[]): void {
  const file = path.join(root, 'bag-info.txt');
  if (!fs.existsSync(file)) return; // optional (RFC 8493 §2.2.2)
  const elements: [string, string][] = [];
  for (const line of fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && elements.length) elements.at(-1)![1] += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) problems.push(`bag-info.txt: ${JSON.stringify(line)} is not "Label: value"`);
      else elements.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  const oxums = elements.filter(([label]) => label.toLowerCase() === 'payload-oxum');
  if (oxums.length > 1) problems.push('bag-info.txt: Payload-Oxum is given more than once');
  if (oxums.length === 1) {
    const value = oxums[0]![1];
    const match = /^(\d+)\.(\d+)$/.exec(value);
    let bytes = 0;
    for (const size of payload.values()) bytes += size;
    if (!match) problems.push(`bag-info.txt: Payload-Oxum ${JSON.stringify(value)} is not <bytes>.<files>`);
    else if (Number(match[1]) !== bytes || Number(match[2]) !== payload.size)
      problems.push(`Payload-Oxum says ${value}, the payload is ${bytes}.${payload.size}`);
  }
  for (const [label, value] of elements)
    if (label.toLowerCase() === 'bagging-date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      problems.push(`bag-info.txt: Bagging-Date ${JSON.stringify(value)} is not YYYY-MM-DD`);
}

export function decodeManifestPath(p: string): string {
  return p.replace(/%(25|0D|0A)/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
}

async function hashFile(file: string, algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
