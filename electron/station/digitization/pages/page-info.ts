import type {
  CropBox,
  DerivativeInfo,
  NumberingRule,
  PageInfo,
  QcFlag,
  QcMetrics,
} from '../../contract/digitization-types.js';
import { autoLabels } from './numbering.js';
import type { PageRow } from './page-repo.js';

/** The job's live pages as the screens see them, labelled by the job's numbering rule. */
export function toPages(rows: readonly PageRow[], rule: NumberingRule | null): PageInfo[] {
  const labels = autoLabels(
    rows.map((r) => ({ id: r.id, type: r.page_type })),
    rule,
  );
  return rows.map((row) => toPageInfo(row, labels.get(row.id) ?? null));
}

export function toPageInfo(row: PageRow, autoLabel: string | null): PageInfo {
  return {
    id: row.id,
    jobId: row.job_id,
    sequence: row.sequence ?? 0,
    type: row.page_type,
    label: row.label ?? autoLabel,
    manualLabel: row.label,
    autoLabel,
    side: row.side,
    rotation: row.rotation,
    crop: row.crop ? (JSON.parse(row.crop) as CropBox) : null,
    master: {
      id: row.master_id,
      path: row.path,
      sha256: row.sha256,
      bytes: row.bytes,
      format: row.format,
      width: row.width,
      height: row.height,
      resolution: row.resolution,
      capturedAt: row.captured_at,
    },
    derivatives: row.derived_at ? 'ready' : row.derive_error ? 'failed' : 'pending',
    derivativesError: row.derive_error,
    view: derivative(row.derived_at, row.view_path, row.view_width, row.view_height),
    thumb: derivative(row.derived_at, row.thumb_path, row.thumb_width, row.thumb_height),
    qc: row.qc_at
      ? {
          flags: row.qc_flags ? (JSON.parse(row.qc_flags) as QcFlag[]) : [],
          metrics: row.qc_metrics ? (JSON.parse(row.qc_metrics) as QcMetrics) : null,
          at: row.qc_at,
        }
      : null,
  };
}

function derivative(
  derivedAt: string | null,
  path: string | null,
  width: number | null,
  height: number | null,
): DerivativeInfo | null {
  return derivedAt && path ? { path, width: width ?? 0, height: height ?? 0 } : null;
}
