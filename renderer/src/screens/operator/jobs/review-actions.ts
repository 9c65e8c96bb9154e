/** What the review grid's keys do to the jobs store. */
import type { JobsState } from '../../../stores/jobs.js';
import type { GridAction } from './keys.js';

export function applyGridAction(st: JobsState, action: GridAction): void {
  switch (action.kind) {
    case 'focus':
      st.moveFocus(action.delta, action.extend);
      return;
    case 'edge':
      st.focusEdge(action.edge, action.extend);
      return;
    case 'move':
      if (st.job?.editable) void st.moveSelection(action.step);
      return;
    case 'selectAll':
      st.selectAll();
      return;
    case 'clear':
      st.clearSelection();
      return;
    case 'delete':
      if (st.job?.editable) void st.deleteSelection();
      return;
    case 'open':
      if (st.selection.focus !== null) void st.openViewer(st.selection.focus);
      return;
    case 'rotate':
      if (st.job?.editable) void st.rotateSelection(action.by);
      return;
  }
}

/** The selected page when exactly one is: rescan and insert work on one page. */
export function singleSelected(st: Pick<JobsState, 'selection'>): number | null {
  return st.selection.ids.size === 1 ? [...st.selection.ids][0]! : null;
}

/** The last selected page in page order (the end of the front matter, when numbering). */
export function lastSelected(st: Pick<JobsState, 'selection' | 'pages'>): number | null {
  for (let i = st.pages.length - 1; i >= 0; i--) {
    const id = st.pages[i]!.id;
    if (st.selection.ids.has(id)) return id;
  }
  return null;
}
