import { checkTemplate } from './check-template';

function messageOf(template: string): string {
  const check = checkTemplate(template);
  if (check.ok) throw new Error(`${template} passed the check`);
  return check.message;
}

describe('checkTemplate accepts what can be rendered', () => {
  it.each([
    '',
    'plain text, no markup',
    '{"event": "{{ event }}", "name": "{{ data.name }}"}',
    "{% for tag in data.tags if tag.slug != 'x' %}{{ loop.index }}{{ tag['name'] }}{% endfor %}",
    "{{ data.tags | map(attribute='name') | join(', ') }} {{ data.tags | selectattr('slug') | list }}",
    '{% set x = data.id %}{{ x }}{# a comment #}{% raw %}{{ data.__class__ }}{% endraw %}',
    "{{ data['url'] }} {{ data[key] }} {{ data.tags[0] }} {{ 'a_b'.split('_') }}",
    'http://receiver.example/{{ data.id }}/?m={{ model }}',
  ])('%j', (template) => {
    expect(checkTemplate(template)).toEqual({ ok: true });
  });
});

describe('checkTemplate refuses a syntax error, naming its line', () => {
  it.each([
    [
      'a\n\n{% if data.id %}',
      "Template syntax error: unexpected end of template, expected 'elif' or 'else' or 'endif' (line 3)",
    ],
    ['{{ data.id', "Template syntax error: unexpected end of template, expected '}}' (line 1)"],
    ['x\n{% if %}', 'Template syntax error: unexpected end of expression (line 2)'],
    ['\n\n{{ data | nosuchfilter }}', "Template syntax error: No filter named 'nosuchfilter' (line 3)"],
    ["{% include 'x.html' %}", "Template syntax error: encountered unknown tag 'include' (line 1)"],
    ['{{ "\\x4" }}', 'Template syntax error: truncated \\x escape in a string literal (line 1)'],
    ['a {# never closed', 'Template syntax error: missing end of comment tag (line 1)'],
    [
      `{{ ${'('.repeat(20_000)}1${')'.repeat(20_000)} }}`,
      'Template syntax error: the template is nested too deeply',
    ],
  ])('%j', (template, message) => {
    expect(messageOf(template)).toBe(message);
  });
});

describe('checkTemplate refuses access to private names, naming the construct and its line', () => {
  it.each([
    ['{{ data.__class__ }}', '.__class__ (line 1)'],
    ["{{ ''.__class__.__mro__ }}", '.__mro__ (line 1)'],
    ["{{ x['__globals__'] }}", "['__globals__'] (line 1)"],
    ['line one\n{{ range.__globals__ }}', '.__globals__ (line 2)'],
    ['{% if data.id %}\n{{ data._private }}{% endif %}', '._private (line 2)'],
    ['{% for x in data.__dict__.items() %}{% endfor %}', '.__dict__ (line 1)'],
    ['{% set c = loop.__class__ %}', '.__class__ (line 1)'],
    ["{{ data.tags | map(attribute='__class__') | list }}", "map(attribute='__class__') (line 1)"],
    [
      "{{ data.tags | selectattr('name.__class__', 'defined') | list }}",
      "selectattr('name.__class__') (line 1)",
    ],
    ["{{ data.tags | sort(false, false, '_x') }}", "sort(attribute='_x') (line 1)"],
    ["{{ [1] | join(',', attribute='__len__') }}", "join(attribute='__len__') (line 1)"],
    ["{{ 'x' if data.id else data['__class__'] }}", "['__class__'] (line 1)"],
    ["{{ {'k': data.__class__} }}", '.__class__ (line 1)'],
  ])('%j', (template, construct) => {
    expect(messageOf(template)).toBe(
      `Unsafe template: ${construct} names a private member; names starting with '_' are not allowed.`,
    );
  });

  it('leaves a key computed at render time to the sandbox, which reaches no private member', () => {
    expect(checkTemplate("{{ data['_' ~ '_class__'] }}")).toEqual({ ok: true });
  });
});
