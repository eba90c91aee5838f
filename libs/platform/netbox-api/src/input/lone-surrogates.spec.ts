import { loneSurrogateErrors } from './lone-surrogates';

const HIGH = 'Surrogate characters are not allowed: U+D800.';
const LOW = 'Surrogate characters are not allowed: U+DC00.';

describe('loneSurrogateErrors', () => {
  it('names each top-level field holding an unpaired surrogate, however deep, in a value or a key', () => {
    const body = JSON.parse(
      '{"name": "ok 😀", "description": "a\\ud800", "results": [{"explanation": [["x", "\\udc00"]]}], "custom_fields": {"\\ud800": 1}}',
    ) as unknown;
    expect(loneSurrogateErrors(body)).toEqual({ description: [HIGH], results: [LOW], custom_fields: [HIGH] });
  });

  it('aligns the errors of a bulk body with its items', () => {
    expect(loneSurrogateErrors(JSON.parse('[{"name": "a"}, {"name": "\\ud800"}]'))).toEqual([
      {},
      { name: [HIGH] },
    ]);
  });

  it('answers a bare string with non_field_errors, and accepts paired surrogates and plain bodies', () => {
    expect(loneSurrogateErrors('\ud800')).toEqual({ non_field_errors: [HIGH] });
    expect(loneSurrogateErrors({ name: '😀', nested: [{ a: 'é' }] })).toBeUndefined();
    expect(loneSurrogateErrors([])).toBeUndefined();
    expect(loneSurrogateErrors(null)).toBeUndefined();
  });

  it('walks a 300,000-item list without overflowing the stack', () => {
    const results = Array.from({ length: 300_000 }, () => ({ passed: true, explanation: [] }));
    expect(loneSurrogateErrors({ results })).toBeUndefined();
  });
});
