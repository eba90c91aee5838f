import { renderTemplate } from './render-template';
import { TemplateError } from './template-error';

// NetBox's context for a report event; every expected output below was produced by Jinja2 3.1.6's
// SandboxedEnvironment (the environment NetBox renders webhooks with) from the same context.
const CONTEXT = JSON.parse(
  JSON.stringify({
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: null,
    data: {
      id: 31,
      url: '/api/plugins/validity/reports/31/',
      display: 'report-31',
      total_passed: 6,
      total_count: 8,
      name: "café <b>&'x'",
      tags: [
        { name: 'Core', slug: 'core', n: 1 },
        { name: 'edge', slug: 'edge', n: 2 },
      ],
      custom_fields: {},
      ratio: 0.75,
      empty: null,
      constructor: null,
    },
    snapshots: { prechange: null, postchange: { created: '2024-01-10T08:14:58.120Z' } },
  }),
) as Record<string, unknown>;

function errorOf(template: string): string {
  try {
    renderTemplate(template, CONTEXT);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error(`${template} rendered without an error`);
}

describe('renderTemplate renders as Jinja2 does', () => {
  it.each([
    ['{{ event }} {{ model }} #{{ data.id }}', 'created compliancereport #31'],
    [
      '{{ data }}',
      "{'id': 31, 'url': '/api/plugins/validity/reports/31/', 'display': 'report-31', 'total_passed': 6, 'total_count': 8, 'name': \"café <b>&'x'\", 'tags': [{'name': 'Core', 'slug': 'core', 'n': 1}, {'name': 'edge', 'slug': 'edge', 'n': 2}], 'custom_fields': {}, 'ratio': 0.75, 'empty': None, 'constructor': None}",
    ],
    [
      '{{ data | tojson }}',
      '{"constructor": null, "custom_fields": {}, "display": "report-31", "empty": null, "id": 31, "name": "caf\\u00e9 \\u003cb\\u003e\\u0026\\u0027x\\u0027", "ratio": 0.75, "tags": [{"n": 1, "name": "Core", "slug": "core"}, {"n": 2, "name": "edge", "slug": "edge"}], "total_count": 8, "total_passed": 6, "url": "/api/plugins/validity/reports/31/"}',
    ],
    ['{{ snapshots.postchange | tojson(indent=2) }}', '{\n  "created": "2024-01-10T08:14:58.120Z"\n}'],
    ["{{ data.tags | map(attribute='slug') | join(',') }}", 'core,edge'],
    ['{{ request_id }}|{{ data.empty }}|{{ data.missing }}|{{ missing }}', 'None|None||'],
    [
      '{% if data.total_passed == data.total_count %}pass{% elif data.total_passed > 5 %}most{% else %}fail{% endif %}',
      'most',
    ],
    [
      '{% for tag in data.tags %}{{ loop.index }}:{{ tag.name | upper }}{% if not loop.last %}, {% endif %}{% endfor %}',
      '1:CORE, 2:EDGE',
    ],
    ['{% for key, value in data.custom_fields.items() %}{{ key }}{% else %}none{% endfor %}', 'none'],
    ["{%- for t in data.tags if t.slug != 'core' -%}\n  {{ t.name }}\n{%- endfor %}\n", 'edge'],
    [
      '{{ data.name | e }} {{ data.name | length }} {{ data.name[:4] }} {{ data.name | title }}',
      "café &lt;b&gt;&amp;&#39;x&#39; 12 café Café <B>&'x'",
    ],
    [
      "{{ '%s' if false }}{{ [1, 2, 3] | sum }} {{ 7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 'a' ~ 1 ~ none }}",
      '6 3 2 1024 a1None',
    ],
    [
      "{{ data.get('display') }} {{ data.get('nope', 'dflt') }} {{ data.keys() | list | length }}",
      'report-31 dflt 11',
    ],
    [
      "{{ data.missing | default('n/a') }} {{ data.empty | default('n/a', true) }} {{ '' or 'x' }}",
      'n/a n/a x',
    ],
    [
      '{% set total = data.total_count %}{{ total * 2 }}{% for x in [1] %}{% set total = 0 %}{% endfor %} {{ total }}',
      '16 8',
    ],
    [
      "{{ data.tags[0].name }} {{ data.tags.1.name }} {{ data['url'] }} {{ data.tags[-1].slug }}",
      'Core edge /api/plugins/validity/reports/31/ edge',
    ],
    [
      "{{ [3, 1, 2] | sort | reverse | list }} {{ ['b', 'A', 'a'] | unique | list }} {{ {'b': 1, 'a': (1, 2)} }}",
      "[3, 2, 1] ['b', 'A'] {'b': 1, 'a': (1, 2)}",
    ],
    [
      "{{ 'a,b,,c'.split(',') }} {{ '  x y  '.split() }} {{ ' pad '.strip() }}|{{ 'Hello World'.replace('o', '0', 1) }}",
      "['a', 'b', '', 'c'] ['x', 'y'] pad|Hell0 World",
    ],
    [
      '{{ data.id is number }} {{ data.name is string }} {{ data.tags is mapping }} {{ 10 is divisibleby 5 }} {{ none is none }}',
      'True True False True True',
    ],
    ["{{ data.ratio | round(1) }} {{ '42' | int + 1 }} {{ 'x' | int(7) }} {{ '3.9' | int }}", '0.8 43 7 3'],
    [
      "{{ 'a b&c/d' | urlencode }} {{ {'q': 'a b', 'n': 1} | urlencode }} {{ 'é' | urlencode }}",
      'a%20b%26c/d q=a+b&n=1 %C3%A9',
    ],
    ['line1\r\nline2\n', 'line1\nline2'],
    ['{# comment #}a {% raw %}{{ not rendered }}{% endraw %} b', 'a {{ not rendered }} b'],
    ["{{ {'a': {'b': 1}} }}", "{'a': {'b': 1}}"],
    ['X-Report: {{ data.id }}\nX-User: {{ username }}\n', 'X-Report: 31\nX-User: admin'],
    ["{{ data.tags | selectattr('slug', 'equalto', 'edge') | map(attribute='name') | join }}", 'edge'],
    [
      "{{ [1, 2, 3, 4] | select('odd') | list }} {{ data.tags | rejectattr('n', 'gt', 1) | map(attribute='slug') | first }}",
      '[1, 3] core',
    ],
    ["{{ 'they\\'re here-now (yes)' | title }} {{ 'abc'.title() }}", "They're Here-Now (Yes) Abc"],
    [
      "{{ data.tags | map('upper') | list }}",
      "[\"{'NAME': 'CORE', 'SLUG': 'CORE', 'N': 1}\", \"{'NAME': 'EDGE', 'SLUG': 'EDGE', 'N': 2}\"]",
    ],
    ["{{ data.tags | max(attribute='n') }}", "{'name': 'edge', 'slug': 'edge', 'n': 2}"],
    ["{{ data.tags | length }}{{ data.tags | count }}{{ 'x' * 3 }}{{ [0] * 2 }}", '22xxx[0, 0]'],
    [
      "{{ (1, 2) + (3,) }} {{ () }} {{ [1, [2, 'a']] }} {{ {'x': [None, True, 1.5]} }}",
      "(1, 2, 3) () [1, [2, 'a']] {'x': [None, True, 1.5]}",
    ],
    ["{{ '\\u00e9\\n' ~ 'it\\'s' }}", "é\nit's"],
    ["{{ 'it\\'s' | tojson }}|{{ ['it\\'s'] }}", '"it\\u0027s"|["it\'s"]'],
    [
      "{{ 3 > 2 > 1 }} {{ 1 in [1,2] }} {{ 'a' not in 'abc' }} {{ 'x' if none else 'y' }}",
      'True True False y',
    ],
    [
      "{{ data.tags[0] is mapping }} {{ [1,2][1:] }} {{ 'abcdef'[::2] }} {{ 'abcdef'[-2:] }} {{ [1,2,3][::-1] }}",
      'True [2] ace ef [3, 2, 1]',
    ],
    [
      "{{ ''.__class__ }}|{{ data.__proto__ }}|{{ 'x'.constructor }}|{{ range.__globals__ }}|{{ data.constructor }}",
      '||||None',
    ],
    ['{{ loop }}', ''],
  ])('%j', (template, expected) => {
    expect(renderTemplate(template, CONTEXT)).toBe(expected);
  });
});

describe('renderTemplate fails as Jinja2 does', () => {
  it.each([
    ['{{ missing.attr }}', "'missing' is undefined"],
    ['{{ data.missing.attr }}', "'dict object' has no attribute 'missing'"],
    ['{{ 1 / 0 }}', 'division by zero'],
    ["{{ data.id + 'x' }}", "unsupported operand type(s) for +: 'int' and 'str'"],
    [
      '{{ range(200000) | length }}',
      'Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).',
    ],
  ])('%j fails with %j', (template, message) => {
    expect(errorOf(template)).toBe(message);
  });
});

describe('renderTemplate guards the dispatcher', () => {
  it.each([
    ['{% if %}', 'line 1: unexpected end of expression'],
    ['a\n{% for x in y %}', "line 2: unexpected end of template, expected 'else' or 'endfor'"],
    ['\n\n{{ data | nosuchfilter }}', "line 3: No filter named 'nosuchfilter'."],
    ["{% include 'x.html' %}", "line 1: encountered unknown tag 'include'"],
    ['{{ data.id }', "line 1: unexpected '}'"],
    ['{{ (1 }}', "line 1: unexpected '}'"],
    ['{{ data.id', "line 1: unexpected end of template, expected '}}'"],
  ])('refuses %j: %j', (template, message) => {
    expect(errorOf(template)).toBe(message);
  });

  it('lets a caller refuse what an expression prints, naming its line', () => {
    const refuseBreaks = (text: string) =>
      text.includes('\n') ? 'a printed value has a line break' : undefined;
    expect(renderTemplate('A: {{ data.display }}\nB: x', CONTEXT, { checkPrinted: refuseBreaks })).toBe(
      'A: report-31\nB: x',
    );
    expect(() => renderTemplate("A: 1\nB: {{ 'x\\ny' }}", CONTEXT, { checkPrinted: refuseBreaks })).toThrow(
      new TemplateError('a printed value has a line break', 2),
    );
  });

  it('stops a template that does too much work instead of holding the worker', () => {
    const template = '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}';
    expect(errorOf(template)).toBe('the template took more than 1000000 steps to render');
  });

  it('stops a template whose output grows too large', () => {
    expect(() => renderTemplate("{{ 'x' * 1000 }}", {}, { maxSteps: 1_000, maxOutputChars: 999 })).toThrow(
      'the rendered output is longer than 999 characters',
    );
  });

  it('turns even a pathologically nested template into a TemplateError', () => {
    expect(errorOf(`{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`)).toBe(
      'the template is nested too deeply',
    );
  });
});
