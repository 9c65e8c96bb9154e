import { type Command, InvalidArgumentError, Option } from 'commander';
import { Role, type Settings } from '../../contract/index.js';
import { defaultRendererRoot } from '../../package-root.js';
import { Station } from '../../station.js';
import { defaultDataDir } from '../../store/data-dir.js';
import { startWebHost, type WebHost, WebHostConfigError } from '../../web/server.js';
import { EXIT } from '../exit-codes.js';
import { CliExit, type CliIo } from '../io.js';
import { untilStopSignal } from '../until-signal.js';

export interface ServeOptions {
  port: number;
  host: string;
  role?: Role;
  demo?: boolean;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  allowRemote?: boolean;
  /** Names or addresses screens on other machines use for this station (`--host-name`). */
  hostName?: string[];
  renderer?: string;
}

export const DEFAULT_PORT = 7480;

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the station in plain Node and serve its screens to a browser (the web host)')
    .option('-p, --port <port>', `port to listen on (0 picks a free one)`, parsePort, DEFAULT_PORT)
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .addOption(
      new Option('--role <role>', 'set the station role (skips the role choice on first run)').choices(
        Role.options,
      ),
    )
    .option('--demo', 'use demo mode: simulated devices and the training library')
    .option('--data-dir <dir>', 'data directory (default: BITIG_DATA_DIR or the OS app-data folder)')
    .option('--tls-cert <file>', 'TLS certificate (PEM), required for non-loopback interfaces')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--allow-remote', 'allow listening on a non-loopback interface (requires TLS)')
    .option(
      '--host-name <name>',
      'a name or address screens use to reach this station (repeatable; default: BITIG_HOST_NAMES, comma-separated)',
      collect,
    )
    .option('--renderer <dir>', 'folder of the built screens (default: dist/renderer)')
    .action(async (opts: ServeOptions) => {
      await serve(opts, io);
    });
}

/**
 * Runs until SIGINT or SIGTERM, then closes the web host and the database cleanly. If anything fails
 * on the way up (or the server fails later), everything opened so far is closed and the command ends
 * with one line and a non-zero code: never a process left running without its web host.
 */
export async function serve(opts: ServeOptions, io: CliIo): Promise<void> {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
    throw new CliExit(EXIT.USAGE, 'Give both --tls-cert and --tls-key, or neither.');
  }
  const station = Station.open({
    dataDir: opts.dataDir ?? defaultDataDir(io.env),
    host: 'web',
    log: (message, err) =>
      io.err(err === undefined ? message : `${message}: ${(err as Error)?.stack ?? String(err)}`),
  });
  let host: WebHost;
  try {
    applyPreset(station, opts);
    await station.start();
    host = await startWebHost({
      station,
      rendererRoot: opts.renderer ?? defaultRendererRoot(),
      host: opts.host,
      port: opts.port,
      tls: opts.tlsCert && opts.tlsKey ? { cert: opts.tlsCert, key: opts.tlsKey } : undefined,
      allowRemote: opts.allowRemote,
      hostNames: opts.hostName ?? splitNames(io.env.BITIG_HOST_NAMES),
    });
  } catch (err) {
    await closeQuietly(() => station.close());
    throw startFailure(err, opts);
  }
  io.out(`Bitig is serving at ${host.url}`);
  io.out(`Data directory: ${station.store.dataDir}`);
  const failure = await Promise.race([untilStopSignal().then(() => null), host.failed]);
  await closeQuietly(() => host.close());
  await closeQuietly(() => station.close());
  if (failure) throw new CliExit(EXIT.FAILURE, `The web host stopped: ${failure.message}`);
}

/** One line saying why `serve` could not start, with the exit code for it. */
function startFailure(err: unknown, opts: ServeOptions): unknown {
  if (err instanceof WebHostConfigError) return new CliExit(EXIT.USAGE, err.message);
  const where = `${opts.host}:${opts.port}`;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new CliExit(
        EXIT.UNAVAILABLE,
        `Port ${opts.port} is in use: is Bitig already running? Try --port.`,
      );
    case 'EACCES':
      return new CliExit(
        EXIT.UNAVAILABLE,
        `Not allowed to listen on ${where}: ports below 1024 need extra rights; try --port.`,
      );
    case 'EADDRNOTAVAIL':
      return new CliExit(EXIT.UNAVAILABLE, `${opts.host} is not an address of this machine: check --host.`);
    default:
      return err;
  }
}

async function closeQuietly(close: () => unknown): Promise<void> {
  try {
    await close();
  } catch {
    // Already failing or stopping: the first reason is the one to report.
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...(splitNames(value) ?? [])];
}

function splitNames(value: string | undefined): string[] | undefined {
  const names = value
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names?.length ? names : undefined;
}

/** `--role`/`--demo` set the station up from the command line, e.g. for a thin-client kiosk. */
function applyPreset(station: Station, opts: ServeOptions): void {
  if (!opts.role && !opts.demo) return;
  const current = station.settings.get();
  const patch: Partial<Settings> = {};
  if (opts.role) patch.role = opts.role;
  if (opts.demo) patch.mode = 'demo';
  if (opts.role || current.role) patch.setupComplete = true;
  if (patch.setupComplete && !current.mode && !opts.demo) patch.mode = 'connected';
  station.settings.update(patch);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('not a port number (0-65535)');
  return port;
}
