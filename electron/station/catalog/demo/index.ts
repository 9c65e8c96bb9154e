/** The demo catalogue: a real SRU server on the loopback with a dozen demo books. */
import type { CatalogSourceInput } from '../types.js';

export {
  DEMO_BOOKS,
  type DemoAuthor,
  type DemoBook,
  type DemoRole,
  demoMarc,
  demoMarcXml,
} from './records.js';
export {
  DEMO_PAGE_SIZE,
  type DemoCatalogue,
  type DemoCatalogueOptions,
  startDemoCatalogue,
} from './sru-server.js';

/** The name the demo catalogue's source goes by. */
export const DEMO_CATALOGUE_NAME = 'Demo catalogue';

/**
 * The source for a running demo catalogue (`startDemoCatalogue().url`): SRU 1.2, MARCXML, the
 * default templates for ISBN, title, author and id, and `local.barcode` for inventory numbers.
 */
export function demoCatalogueSource(url: string): CatalogSourceInput {
  return {
    name: DEMO_CATALOGUE_NAME,
    protocol: 'sru',
    url,
    version: '1.2',
    recordSchema: 'marcxml',
    format: 'auto',
    queries: { barcode: { template: 'local.barcode={value}' } },
    maxRecords: 20,
    timeoutSeconds: 5,
  };
}
