/**
 * Where the viewer draws a page: its size fitted to the stage, times the zoom, with the page's
 * rotation applied (a quarter turn swaps width and height). Pure arithmetic.
 */
export interface ViewerBox {
  /** The box the rotated page fills (scrolls when larger than the stage). */
  width: number;
  height: number;
  /** The image before rotation, centred in the box. */
  imageWidth: number;
  imageHeight: number;
  left: number;
  top: number;
}

export function viewerBox(
  natural: { width: number; height: number },
  stage: { width: number; height: number },
  rotation: number,
  zoom: number,
): ViewerBox {
  const quarter = rotation === 90 || rotation === 270;
  const rw = quarter ? natural.height : natural.width;
  const rh = quarter ? natural.width : natural.height;
  const fit = rw > 0 && rh > 0 ? Math.min(stage.width / rw, stage.height / rh) : 1;
  const scale = Math.max(0, fit * zoom);
  const width = rw * scale;
  const height = rh * scale;
  const imageWidth = natural.width * scale;
  const imageHeight = natural.height * scale;
  return {
    width,
    height,
    imageWidth,
    imageHeight,
    left: (width - imageWidth) / 2,
    top: (height - imageHeight) / 2,
  };
}

/** The zoom as a whole percentage of "fit". */
export function zoomPercent(zoom: number): number {
  return Math.round(zoom * 100);
}
