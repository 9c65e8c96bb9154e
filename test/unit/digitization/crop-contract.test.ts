import { describe, expect, it } from 'vitest';
import {
  CropBoxInput,
  MAX_CROP_PIXELS,
  METHOD_NAMES,
  methods,
  PagesCropInput,
} from '../../../electron/station/contract/index.js';
import { DigitizationError } from '../../../electron/station/digitization/errors.js';
import { createDispatch, type Handlers } from '../../../electron/station/dispatch.js';

/** The fields zod blames and what it says about them, for a refused input. */
function refusal(input: unknown): { path: string; message: string }[] {
  const parsed = PagesCropInput.safeParse(input);
  if (parsed.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const box = { x: 10, y: 20, width: 300, height: 400 };

describe('pages.crop in the contract', () => {
  it('is a method of both hosts, with its schema', () => {
    expect(METHOD_NAMES).toContain('pages.crop');
    expect(methods['pages.crop'].input).toBe(PagesCropInput);
  });

  it('takes a box in whole master pixels, or null to clear the crop', () => {
    expect(PagesCropInput.parse({ jobId: 1, pageId: 2, crop: box })).toEqual({
      jobId: 1,
      pageId: 2,
      crop: box,
    });
    expect(PagesCropInput.parse({ jobId: 1, pageId: 2, crop: null }).crop).toBeNull();
    expect(CropBoxInput.parse({ x: 0, y: 0, width: 1, height: 1 })).toEqual({
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    });
  });

  it('refuses bad boxes, naming the field and saying what is wrong', () => {
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, x: -1 } })).toEqual([
      { path: 'crop.x', message: 'x must be at least 0' },
    ]);
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, width: 0 } })).toEqual([
      { path: 'crop.width', message: 'width must be at least 1' },
    ]);
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, height: 12.5 } })).toEqual([
      { path: 'crop.height', message: 'height must be a whole number of pixels' },
    ]);
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, y: '20' } })).toEqual([
      { path: 'crop.y', message: 'y must be a number of pixels' },
    ]);
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, width: Number.NaN } })[0]!.path).toBe('crop.width');
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, x: MAX_CROP_PIXELS - 10, width: 11 } })).toEqual([
      { path: 'crop.width', message: `x + width must be at most ${MAX_CROP_PIXELS}` },
    ]);
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, height: MAX_CROP_PIXELS + 1 } })[0]).toEqual({
      path: 'crop.height',
      message: `height must be at most ${MAX_CROP_PIXELS}`,
    });
    // A box with a stray field, a missing one, or no box at all is not a crop.
    expect(refusal({ jobId: 1, pageId: 2, crop: { ...box, rotation: 90 } })[0]!.path).toBe('crop');
    expect(refusal({ jobId: 1, pageId: 2, crop: { x: 1, y: 1, width: 5 } })[0]!.path).toBe('crop.height');
    expect(refusal({ jobId: 1, pageId: 2 })[0]!.path).toBe('crop');
    expect(refusal({ jobId: 1, pageId: 0, crop: null })[0]!.path).toBe('pageId');
  });

  it('reaches the caller as VALIDATION with the fields, before the station is asked', async () => {
    const asked: unknown[] = [];
    const dispatch = createDispatch({
      'pages.crop': (input: unknown) => {
        asked.push(input);
        throw new DigitizationError('INVALID_OPERATION', 'The crop box must lie inside the 300×420 image.');
      },
    } as unknown as Handlers);
    const bad = await dispatch('pages.crop', {
      jobId: 1,
      pageId: 2,
      crop: { ...box, width: -5, height: 1.5 },
    });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input for pages.crop: crop.width, crop.height',
        fields: ['crop.width', 'crop.height'],
      },
    });
    expect(asked).toEqual([]);
    // A well-formed box outside the page is the station's to refuse, with its own code.
    const outside = await dispatch('pages.crop', { jobId: 1, pageId: 2, crop: box });
    expect(outside).toMatchObject({ ok: false, error: { code: 'INVALID_OPERATION' } });
    expect(asked).toEqual([{ jobId: 1, pageId: 2, crop: box }]);
  });
});
