import { describe, expect, it } from 'vitest';
import { ocrLanguages } from '../../../electron/station/catalog/index.js';

describe('OCR languages from the catalog record', () => {
  it('Uzbek takes the model of the title’s script', () => {
    expect(ocrLanguages({ languages: ['uzb'], title: 'Oʻtkan kunlar' })).toEqual(['uzb']);
    expect(ocrLanguages({ languages: ['uzb'], title: 'Ўткан кунлар' })).toEqual(['uzb_cyrl']);
    expect(ocrLanguages({ languages: ['UZB '], title: null })).toEqual(['uzb']);
  });

  it('several languages in the record’s order, once each; unknown codes left out', () => {
    expect(ocrLanguages({ languages: ['rus', 'kaz', 'rus'], title: 'Абай жолы' })).toEqual(['rus', 'kaz']);
    expect(ocrLanguages({ languages: ['kaz', 'eng', 'xxx'], title: 'Abai' })).toEqual(['kaz', 'eng']);
    expect(ocrLanguages({ languages: ['ger', 'fre'], title: 'x' })).toEqual(['deu', 'fra']);
  });

  it('says nothing without a record or languages, so the operator chooses', () => {
    expect(ocrLanguages(null)).toEqual([]);
    expect(ocrLanguages({ languages: [], title: 'Abai' })).toEqual([]);
  });
});
