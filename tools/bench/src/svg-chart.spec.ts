import { lineChart } from './svg-chart';

describe('lineChart', () => {
  it('draws one polyline per series with a point per known value, and a legend entry each', () => {
    const svg = lineChart({
      title: 'deliveries/s <by> webhooks',
      xLabel: 'webhooks',
      yLabel: 'deliveries/s',
      categories: ['1', '10', '100'],
      series: [
        { name: 'dispatcher', values: [100, 200, null], color: 'red' },
        { name: 'floor', values: [300, 400, 500], color: 'blue' },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg).toContain('deliveries/s &lt;by&gt; webhooks');
    expect(svg).toContain('>dispatcher</text>');
  });
});
