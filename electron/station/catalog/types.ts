/**
 * The catalog's shapes live in the contract (`contract/catalog-types.ts`), since the screens show and
 * send them too; the catalog's own files import them from here.
 */
export * from '../contract/catalog-types.js';
