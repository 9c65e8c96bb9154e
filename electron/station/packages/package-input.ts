/**
 * What every package format is written from: a job as plain data (no database, no other room), so
 * each writer (METS/MODS, ALTO, PDF, IIIF, BagIt) can be tested on its own and run in a worker.
 * The digitization room fills it from a reviewed job (`digitization/packaging/`).
 */
import type { BibRecord } from '../contract/catalog-types.js';
import type { CropBox, PageSide, PageType, Rotation } from '../contract/digitization-types.js';

/** The owner's rights statement, from the site's settings: DFG-Viewer's `dv:rights`, IIIF's requiredStatement. */
export interface RightsSettings {
  /** The library's name as it should be credited. */
  owner: string;
  /** An https URL of the library's logo (DFG-Viewer shows it). */
  ownerLogo: string;
  ownerSiteURL: string;
  /** An e-mail (`mailto:` added when missing) or a URL. */
  ownerContact: string;
  /** A licence URI (Creative Commons, rightsstatements.org), or null. */
  license: string | null;
  sponsor: string | null;
  /** `dv:links`: the catalogue record and the presentation (viewer) URLs, with `{id}` for the package name. */
  reference: string | null;
  presentation: string | null;
}

/** One file of the package: where it goes (relative to the package root, forward slashes) and where it is now. */
export interface PackageImage {
  path: string;
  /** Absolute path of the file on the station's disk, read when the package is written. */
  source: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/tiff';
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

export interface PackagePage {
  /** 1..n: the book's order. */
  order: number;
  /** What the page is called (`ORDERLABEL`, the IIIF canvas label): "iii", "17", or null. */
  label: string | null;
  type: PageType;
  side: PageSide;
  /** The master as captured (MAX): never altered, rotation and crop are applied to the others. */
  master: PackageImage & { resolution: number | null };
  /** Clockwise, applied after the crop to make the view (the PDF page's /Rotate); 0 when absent. */
  rotation?: Rotation;
  /** Pixels of the master as displayed (its orientation tag applied), before the rotation (the PDF's /CropBox). */
  crop?: CropBox | null;
  /** The viewing copy (DEFAULT): rotation and crop applied, JPEG. */
  view: PackageImage;
  /** The thumbnail (THUMBS). */
  thumb: PackageImage;
  /** ALTO from OCR (FULLTEXT), or null when the job was packaged without OCR. */
  alto: PackageImage | null;
}

/**
 * A section of the book the operator marked (a chapter) or a page type implies (title page,
 * contents, index…): DFG structure vocabulary TYPE, its label, and the pages it spans.
 */
export interface LogicalSection {
  id: string;
  type: string;
  label: string | null;
  /** The orders of its pages, ascending. */
  pages: number[];
}

export interface PackageInput {
  /** The package's name: file names, External-Identifier, METS OBJID (`bitig-12-3100009`). */
  name: string;
  jobId: number;
  itemBarcode: string;
  /** The record, or null: a job without one is described by what the operator typed (title at least). */
  record: BibRecord | null;
  pages: PackagePage[];
  /** The book (monograph) and its sections, in order. */
  sections: LogicalSection[];
  rights: RightsSettings;
  /** The PDF (DOWNLOAD), relative path, when one is made. */
  pdf: PackageImage | null;
  /** Who made it: `Bitig 0.1.0`. */
  agent: string;
  /** ISO instant the package is made at. */
  createdAt: string;
  /** The station's time zone (dates written in it where a format has local dates). */
  timeZone: string;
}
