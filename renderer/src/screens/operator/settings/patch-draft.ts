import type { SourceDraft } from '../../../stores/catalog-source-form.js';
import { catalogSourcesStore } from '../../../stores/index.js';

/** Changes some fields of the editor's draft (each field component says only what it changes). */
export function patchDraft(patch: Partial<SourceDraft>): void {
  catalogSourcesStore.getState().update((d) => ({ ...d, ...patch }));
}
