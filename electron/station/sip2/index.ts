/** The SIP2 codec and client. The test ACS is imported from `./acs/index.js` where it is wanted. */
export * from './client.js';
export * from './codec/index.js';
export { keepAliveInterval, type TimeoutPeriodUnit } from './keep-alive.js';
export type * from './requests.js';
export { Sip2Error, type Sip2ErrorKind } from './sip2-error.js';
export type { Sip2TlsOptions } from './transport.js';
