import { resultsTable, targetMet, targetText } from './results-table';

describe('the benchmark table', () => {
  it('aligns the columns and marks a missed target', () => {
    expect(
      resultsTable([
        { name: 'ingest', value: 3.456, unit: 's', target: 5, met: true },
        { name: 'list p99', value: 61.25, unit: 'ms', target: 50, met: false },
        { name: 'stored', value: 1000000, unit: 'results', target: null, met: null },
        { name: 'dispatch', value: 1600, unit: 'deliveries/s', target: 5000, better: 'higher', met: false },
      ]),
    ).toBe(
      [
        'scenario    value          unit   target  met',
        'ingest       3.46             s     <= 5  yes',
        'list p99     61.3            ms    <= 50   NO',
        'stored    1000000       results        -    -',
        'dispatch     1600  deliveries/s  >= 5000   NO',
      ].join('\n'),
    );
  });

  it('meets a higher-is-better target from above and writes it as `>= x`', () => {
    expect(targetMet({ value: 5234, target: 5000, better: 'higher' })).toBe(true);
    expect(targetMet({ value: 4999, target: 5000, better: 'higher' })).toBe(false);
    expect(targetMet({ value: 5, target: 5 })).toBe(true);
    expect(targetMet({ value: 1, target: null })).toBeNull();
    expect(targetText({ target: 5000, better: 'higher' })).toBe('>= 5000');
    expect(targetText({ target: 0.6, better: 'higher' })).toBe('>= 0.60');
    expect(targetText({ target: 50 })).toBe('<= 50');
  });
});
