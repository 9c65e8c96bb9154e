import {
  type DragEvent,
  memo,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { jobsStore, useJobs } from '../../../stores/index.js';
import type { GridPage } from '../../../stores/jobs/grid-pages.js';
import type { ClickModifiers, Selection } from '../../../stores/page-selection.js';
import { TID } from '../../../testids.js';
import { cx } from '../../../ui/html.js';
import {
  AFTER,
  ASYNC,
  BEFORE,
  cellId,
  DRAG_TYPE,
  EMPTY,
  FAILED,
  GRID,
  LAZY,
  LISTBOX,
  MOVE,
  NORMAL,
  OPTION,
  READY,
  RESIZE,
} from './attrs.js';
import { cropAttr } from './crop-view.js';
import s from './Jobs.module.css';
import { joinParts } from './job-format.js';
import { type GridAction, gridKey } from './keys.js';
import { columnsFor, gridWindow, scrollToReveal } from './windowing.js';

type Where = typeof BEFORE | typeof AFTER;

export interface ThumbGridProps {
  pages: readonly GridPage[];
  /** Null: a read-only grid (capture), without selection, keys or dragging. */
  selection: Selection | null;
  label: string;
  /** Keep the newest page in view as pages arrive. */
  follow?: boolean;
  className?: string;
  onAction?(action: GridAction, columns: number): void;
  onCellClick?(id: number, mods: ClickModifiers): void;
  onOpen?(id: number): void;
  onDrop?(targetId: number, where: Where, draggedId: number): void;
}

const ROTATION_CLASS: Record<GridPage['rotation'], string | undefined> = {
  0: undefined,
  90: s.rot90,
  180: s.rot180,
  270: s.rot270,
};

/**
 * The pages as a virtualized grid of thumbnails: only the rows in view (and a few beyond) are in
 * the DOM, so 2,000 pages scroll like 20. Keyboard: the grid holds the focus and points at the
 * current page with aria-activedescendant; pages are dragged by HTML drag and drop.
 */
export function ThumbGrid({
  pages,
  selection,
  label,
  follow = false,
  className,
  onAction,
  onCellClick,
  onOpen,
  onDrop,
}: ThumbGridProps) {
  const gridId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [drop, setDrop] = useState<{ id: number; where: Where } | null>(null);
  const [windowHeight, setWindowHeight] = useState(() => window.innerHeight);
  const [fill, setFill] = useState<number | null>(null);
  const interactive = selection !== null;

  // The cells call through this ref, so their props stay equal and memo spares them on scroll.
  const handlers = useRef<CellHandlers>(null!);
  handlers.current = {
    click(id, mods) {
      scroller.current?.focus({ preventScroll: true });
      onCellClick?.(id, mods);
    },
    open(id) {
      onOpen?.(id);
    },
    over(id, where) {
      setDrop((d) => (d?.id === id && d.where === where ? d : { id, where }));
    },
    drop(id, where, dragged) {
      setDrop(null);
      onDrop?.(id, where, dragged);
    },
    done() {
      setDrop(null);
    },
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener(RESIZE, onResize);
    return () => {
      observer.disconnect();
      window.removeEventListener(RESIZE, onResize);
    };
  }, []);

  // The grid reaches down to the window's bottom edge, wherever the content above it ends.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    const height = Math.max(GRID.minHeight, Math.floor(windowHeight - top - GRID.bottomGap));
    if (height !== fill) setFill(height);
  });

  const columns = columnsFor(size.width - 2 * GRID.pad, GRID.cellMinWidth, GRID.gap);
  const layout = { columns, rowHeight: GRID.rowHeight };
  const win = gridWindow(layout, {
    count: pages.length,
    scrollTop,
    viewportHeight: size.height,
    overscan: GRID.overscan,
  });
  const cellWidth = Math.max(0, (size.width - 2 * GRID.pad - (columns - 1) * GRID.gap) / columns);

  const focus = selection?.focus ?? null;
  const focusIndex = focus === null ? -1 : pages.findIndex((p) => p.id === focus);

  // Keep the page the keyboard is on in view (after a move too: the index changes, the id does not).
  useEffect(() => {
    const el = scroller.current;
    if (!el || focusIndex < 0) return;
    const next = scrollToReveal(
      focusIndex,
      { columns, rowHeight: GRID.rowHeight },
      el.scrollTop,
      el.clientHeight,
    );
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [focusIndex, columns]);

  useEffect(() => {
    const el = scroller.current;
    if (follow && el && pages.length > 0) el.scrollTop = el.scrollHeight;
  }, [follow, pages.length]);

  const rows = [];
  for (let r = win.firstRow; r < win.endRow; r++) {
    const cells = pages.slice(r * columns, (r + 1) * columns);
    rows.push(
      <div key={r} className={s.gridRow}>
        {cells.map((page) => (
          <Cell
            key={page.id}
            page={page}
            gridId={gridId}
            total={pages.length}
            width={cellWidth}
            interactive={interactive}
            selected={selection?.ids.has(page.id) ?? false}
            focused={focus === page.id}
            drop={drop?.id === page.id ? drop.where : null}
            handlers={handlers}
          />
        ))}
      </div>,
    );
  }

  const edgeScroll = (e: DragEvent) => {
    const el = scroller.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    if (e.clientY < rect.top + GRID.dragEdge) el.scrollTop -= GRID.dragStep;
    else if (e.clientY > rect.bottom - GRID.dragEdge) el.scrollTop += GRID.dragStep;
  };

  return (
    // biome-ignore lint/a11y: a virtualized listbox (role from attrs.ts), keyboard on the box itself via aria-activedescendant
    <div
      ref={scroller}
      className={cx(s.grid, className)}
      style={fill === null ? undefined : { height: fill }}
      role={LISTBOX}
      aria-label={label}
      aria-multiselectable={interactive || undefined}
      aria-activedescendant={interactive && focusIndex >= 0 ? cellId(gridId, focus!) : undefined}
      tabIndex={0}
      data-testid={TID.pageGrid}
      data-count={pages.length}
      data-columns={columns}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={(e) => {
        if (!interactive) return;
        const action = gridKey(e, columns);
        if (action) {
          e.preventDefault();
          onAction?.(action, columns);
        }
      }}
      onDragOver={interactive ? edgeScroll : undefined}
    >
      <div className={s.gridSpacer} style={{ height: win.totalHeight }}>
        <div className={s.gridRows} style={{ top: win.firstRow * GRID.rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

interface CellProps {
  page: GridPage;
  gridId: string;
  total: number;
  width: number;
  interactive: boolean;
  selected: boolean;
  focused: boolean;
  drop: Where | null;
  handlers: RefObject<CellHandlers>;
}

interface CellHandlers {
  click(id: number, mods: ClickModifiers): void;
  open(id: number): void;
  over(id: number, where: Where): void;
  drop(id: number, where: Where, dragged: number): void;
  done(): void;
}

const Cell = memo(function Cell({
  page,
  gridId,
  total,
  width,
  interactive,
  selected,
  focused,
  drop,
  handlers,
}: CellProps) {
  const { t } = useTranslation();
  const thumb = useJobs((st) => st.thumbs[page.masterId]);
  const ready = page.derivatives === READY;

  useEffect(() => {
    if (ready && thumb === undefined) void jobsStore.getState().loadThumb(page.id, page.masterId);
  }, [ready, thumb, page.id, page.masterId]);

  const flags = page.qc ?? [];
  const typeName = page.type === NORMAL ? null : t(($) => $.operator.jobs.review.type[page.type]);
  const flagNames = flags.map((flag) => t(($) => $.operator.jobs.qc[flag]));
  const name = joinParts([
    t(($) => $.operator.jobs.review.page, { sequence: page.sequence }),
    page.label && t(($) => $.operator.jobs.review.pageLabel, { label: page.label }),
    typeName,
    page.crop && t(($) => $.operator.jobs.review.crop.marker),
    ...flagNames,
    page.derivatives === FAILED && t(($) => $.operator.jobs.review.failed),
  ]);

  const whereAt = (e: DragEvent<HTMLDivElement>): Where => {
    const rect = e.currentTarget.getBoundingClientRect();
    return e.clientX - rect.left < rect.width / 2 ? BEFORE : AFTER;
  };

  return (
    // biome-ignore lint/a11y: an option of the listbox above (role from attrs.ts); its keys are the listbox's
    <div
      id={cellId(gridId, page.id)}
      className={s.cell}
      style={{ width }}
      role={OPTION}
      aria-selected={interactive ? selected : undefined}
      aria-posinset={page.sequence}
      aria-setsize={total}
      aria-label={name}
      data-testid={TID.pageThumb}
      data-page-id={page.id}
      data-sequence={page.sequence}
      data-label={page.label ?? EMPTY}
      data-type={page.type}
      data-master-id={page.masterId}
      data-rotation={page.rotation}
      data-crop={cropAttr(page.crop)}
      data-derivatives={page.derivatives}
      data-qc={page.qc === null ? undefined : flags.join()}
      data-focused={focused || undefined}
      data-drop={drop ?? undefined}
      draggable={interactive}
      onClick={
        interactive
          ? (e) => handlers.current.click(page.id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey })
          : undefined
      }
      onDoubleClick={interactive ? () => handlers.current.open(page.id) : undefined}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, String(page.id));
        e.dataTransfer.effectAllowed = MOVE;
      }}
      onDragOver={(e) => {
        if (!interactive || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = MOVE;
        handlers.current.over(page.id, whereAt(e));
      }}
      onDrop={(e) => {
        const dragged = Number(e.dataTransfer.getData(DRAG_TYPE));
        if (!interactive || !Number.isInteger(dragged) || dragged <= 0) return;
        e.preventDefault();
        handlers.current.drop(page.id, whereAt(e), dragged);
      }}
      onDragEnd={() => handlers.current.done()}
    >
      <div className={s.thumb}>
        {thumb ? (
          <img
            src={thumb}
            alt={EMPTY}
            className={ROTATION_CLASS[page.rotation]}
            loading={LAZY}
            decoding={ASYNC}
            draggable={false}
            data-testid={TID.pageThumbImage}
          />
        ) : page.derivatives === FAILED ? (
          <span className={s.thumbFailed}>{t(($) => $.operator.jobs.review.failed)}</span>
        ) : (
          <span className={s.thumbPending}>{t(($) => $.operator.jobs.review.processing)}</span>
        )}
        {page.crop && (
          <span className={s.cropMark} data-testid={TID.pageCropMarker}>
            {t(($) => $.operator.jobs.review.crop.marker)}
          </span>
        )}
        {flags.length > 0 && (
          <ul className={s.flags} data-testid={TID.pageQc}>
            {flags.map((flag, i) => (
              <li key={flag} className={s.chip}>
                {flagNames[i]}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={s.caption}>
        <span className={s.seq}>{page.sequence}</span>
        {page.label && <span className={s.label}>{page.label}</span>}
      </div>
      <div className={s.pageType}>{typeName}</div>
    </div>
  );
});
