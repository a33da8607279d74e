import { describe, expect, it } from '@jest/globals';
import { presetPeriod } from './periods.js';

describe('report periods', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('turns presets into whole UTC days', () => {
    expect(presetPeriod('last-quarter', now)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('this-quarter', now)).toEqual({ from: '2026-10-01', to: '2026-12-02' });
    expect(presetPeriod('last-30-days', now)).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(presetPeriod('year-to-date', now)).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('last-year', now)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
  it('reaches back into the previous year from the first quarter', () => {
    expect(presetPeriod('last-quarter', new Date('2026-02-10T00:00:00Z'))).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });
});
