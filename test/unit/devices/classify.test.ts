import { describe, expect, it } from 'vitest';
import { classifyId } from '../../../electron/station/devices/barcode/classify.js';

describe('classifyId', () => {
  it('uses the site rules when they tell patron and item apart', () => {
    const rules = { patronIdPattern: 'P\\d{6}', itemIdPattern: '\\d{8}' };
    expect(classifyId('P123456', rules)).toBe('patron');
    expect(classifyId('12345678', rules)).toBe('item');
    expect(classifyId('XYZ', rules)).toBe('unknown');
  });

  it('lets a written rule win over an empty one (which accepts anything)', () => {
    expect(classifyId('P123456', { patronIdPattern: 'P\\d+', itemIdPattern: '' })).toBe('patron');
    expect(classifyId('3100001', { patronIdPattern: 'P\\d+', itemIdPattern: '' })).toBe('item');
    expect(classifyId('3100001', { patronIdPattern: '', itemIdPattern: '3\\d+' })).toBe('item');
  });

  it('falls back to the Codabar type digit when the rules cannot decide', () => {
    const none = { patronIdPattern: '', itemIdPattern: '' };
    expect(classifyId('21234000123455', none)).toBe('patron');
    expect(classifyId('31234000012342', none)).toBe('item');
    expect(classifyId('21234000123454', none)).toBe('unknown'); // bad check digit
    const both = { patronIdPattern: '\\d{14}', itemIdPattern: '\\d{14}' };
    expect(classifyId('31234000012342', both)).toBe('item');
  });

  it('shares the kiosk rule semantics: a broken rule accepts', () => {
    expect(classifyId('anything', { patronIdPattern: '(', itemIdPattern: 'x' })).toBe('patron');
  });
});
