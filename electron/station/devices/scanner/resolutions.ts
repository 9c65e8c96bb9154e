const USUAL_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600, 1200, 2400, 4800];

/** Resolutions to offer from a continuous range: the usual ones inside it (or its minimum). */
export function usualResolutions(min: number, max: number): number[] {
  const inside = USUAL_RESOLUTIONS.filter((r) => r >= min && r <= max);
  return inside.length > 0 ? inside : [min];
}
