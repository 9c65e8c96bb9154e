import net from 'node:net';
import tls from 'node:tls';
import { Sip2Error } from './sip2-error.js';

/**
 * TLS for servers that terminate it themselves (FOLIO edge-sip2) or behind stunnel. SIP2 itself has
 * no security, so on any network but a closed one TLS is the only protection of PINs.
 */
export interface Sip2TlsOptions {
  /** Trusted CA certificates (PEM); the system's roots when absent. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate and key (PEM), for servers that require one. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Default true. Turning it off accepts any certificate, so anyone in between can read PINs. */
  rejectUnauthorized?: boolean;
  /** Name to verify the certificate against, when it differs from `host`. */
  servername?: string;
}

export interface TransportOptions {
  host: string;
  port: number;
  tls?: Sip2TlsOptions | boolean;
  connectTimeoutMs: number;
}

/** Opens a TCP or TLS socket; every failure is a `Sip2Error` of kind `unreachable`. */
export function openSocket(options: TransportOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const where = `${options.host}:${options.port}`;
    const tlsOptions = options.tls === true ? {} : options.tls || null;
    const socket: net.Socket = tlsOptions
      ? tls.connect({
          host: options.host,
          port: options.port,
          ca: tlsOptions.ca,
          cert: tlsOptions.cert,
          key: tlsOptions.key,
          rejectUnauthorized: tlsOptions.rejectUnauthorized ?? true,
          servername: tlsOptions.servername ?? (net.isIP(options.host) ? undefined : options.host),
        })
      : net.connect({ host: options.host, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Sip2Error('unreachable', `No connection to ${where} within ${options.connectTimeoutMs} ms`));
    }, options.connectTimeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      const code = (err as NodeJS.ErrnoException).code;
      reject(
        new Sip2Error('unreachable', `Cannot connect to ${where}: ${code ?? ''} ${err.message}`.trim(), {
          cause: err,
        }),
      );
    };
    socket.once('error', onError);
    socket.once(tlsOptions ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
