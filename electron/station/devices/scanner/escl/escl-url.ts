/**
 * A configured eSCL address as the base every request is relative to: `http://host:port/eSCL/`.
 * A bare host gets the usual root `eSCL/` (mDNS announces it as rs=eSCL), and a trailing slash is
 * added so relative paths land inside the root.
 */
export function esclBaseUrl(input: string): URL {
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`an eSCL address is http:// or https://, not ${url.protocol}`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/eSCL/';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * A scanner id as the station names it: an `escl:` address in its base form (so
 * `escl:http://host/eSCL`, as scanners' pages print it, is the same scanner as `escl:http://host/eSCL/`);
 * anything else, and an address that is not one, unchanged (opening it says what is wrong).
 */
export function canonicalScannerId(device: string): string {
  if (!device.startsWith('escl:')) return device;
  try {
    return `escl:${esclBaseUrl(device.slice('escl:'.length)).href}`;
  } catch {
    return device;
  }
}

/**
 * Where a new job lives, from the Location header. Devices behind IPP-over-USB answer with their
 * own idea of the host (often `localhost`), so a loopback host is replaced by the one we reached.
 */
export function jobUrl(base: URL, location: string): URL {
  const url = new URL(location, base);
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  if (loopback.includes(url.hostname) && !loopback.includes(base.hostname)) {
    url.protocol = base.protocol;
    url.host = base.host;
  }
  return url;
}
