import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CommercialUse,
  commercialUseRank,
  compareDataClassification,
  DataClassification,
  dataClassificationSchema,
  Distribution,
  hasOpenWeights,
  highestDataClassification,
  Modality,
  modalitySchema,
  stricterCommercialUse,
} from './enums.js';

describe('inventory enums', () => {
  it('accepts the upper-case values and refuses others with the list of options', () => {
    expect(modalitySchema.parse('EMBEDDING')).toBe(Modality.Embedding);
    const result = dataClassificationSchema.safeParse('SECRET');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED');
  });

  it('orders data classes from public to restricted and lets the highest win', () => {
    const shuffled = [
      DataClassification.Restricted,
      DataClassification.Public,
      DataClassification.Confidential,
      DataClassification.Internal,
    ];
    expect([...shuffled].sort(compareDataClassification)).toEqual(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED']);
    expect(
      highestDataClassification([DataClassification.Internal, DataClassification.Confidential, DataClassification.Public]),
    ).toBe('CONFIDENTIAL');
    expect(highestDataClassification([])).toBeNull();
  });

  it('picks the highest data class whatever the order', () => {
    const classes = fc.constantFrom(...Object.values(DataClassification));
    fc.assert(
      fc.property(fc.array(classes, { minLength: 1 }), (values) => {
        const highest = highestDataClassification(values);
        expect(highest).toBe([...values].sort(compareDataClassification).at(-1));
        expect(highestDataClassification([...values].reverse())).toBe(highest);
      }),
    );
  });

  it('ranks commercial use from allowed to prohibited', () => {
    expect(commercialUseRank(CommercialUse.Allowed)).toBeLessThan(commercialUseRank(CommercialUse.Conditional));
    expect(commercialUseRank(CommercialUse.Conditional)).toBeLessThan(commercialUseRank(CommercialUse.Prohibited));
    expect(stricterCommercialUse(CommercialUse.Conditional, CommercialUse.Allowed)).toBe('CONDITIONAL');
    expect(stricterCommercialUse(CommercialUse.Conditional, CommercialUse.Prohibited)).toBe('PROHIBITED');
  });

  it('treats open weights and both as downloadable', () => {
    expect(hasOpenWeights(Distribution.OpenWeights)).toBe(true);
    expect(hasOpenWeights(Distribution.Both)).toBe(true);
    expect(hasOpenWeights(Distribution.ApiOnly)).toBe(false);
  });
});
