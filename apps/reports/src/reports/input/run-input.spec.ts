import { NetBoxValidationError } from '@validity/platform/netbox-api';
import { readRunInput } from './run-input';
import { RunInputErrors } from './run-input-errors';

describe('reading the results of a run', () => {
  it('reads references by id, numeric string, {"id"} or {"name"}, DRF booleans and defaults', () => {
    const errors = new RunInputErrors();
    const input = readRunInput(
      {
        results: [
          { test: 3, device: '7', passed: 'True' },
          {
            test: { name: 'ntp' },
            device: { id: 7 },
            passed: 0,
            explanation: [['a', 1]],
            dynamic_pair: { name: 'r2' },
          },
        ],
      },
      errors,
    );
    expect(errors.isEmpty).toBe(true);
    expect(input).toEqual({
      customFields: {},
      results: [
        { test: { id: 3 }, device: { id: 7 }, dynamicPair: null, passed: true, explanation: [] },
        {
          test: { name: 'ntp' },
          device: { id: 7 },
          dynamicPair: { name: 'r2' },
          passed: false,
          explanation: [['a', 1]],
        },
      ],
    });
  });

  it('keeps only the first error of a field, as DRF reports one per field', () => {
    const errors = new RunInputErrors();
    errors.addResult(1, 'test', 'first');
    errors.addResult(1, 'test', 'second');
    expect((errors.toError(2).body() as { results: unknown[] }).results).toEqual([{}, { test: ['first'] }]);
  });

  it('throws at once when the body has no list of results, with the other field errors', () => {
    const errors = new RunInputErrors();
    let thrown: unknown;
    try {
      readRunInput({ results: 'all', custom_fields: 1 }, errors);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NetBoxValidationError);
    expect((thrown as NetBoxValidationError).body()).toEqual({
      custom_fields: [
        'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
      ],
      results: ['Expected a list of items but got type "str".'],
    });
  });
  it('refuses NUL characters, which PostgreSQL cannot store, naming each field', () => {
    const errors = new RunInputErrors();
    readRunInput(
      {
        results: [
          { test: 1, device: { name: 'r\u0000' }, passed: true },
          { test: 1, device: 1, passed: true, explanation: [['x\u0000', 1]] },
        ],
        custom_fields: { note: 'a\u0000' },
      },
      errors,
    );
    expect(errors.toError(2).body()).toEqual({
      custom_fields: ['Null characters are not allowed.'],
      results: [
        { device: ['Null characters are not allowed.'] },
        { explanation: ['Null characters are not allowed.'] },
      ],
    });
  });
});
