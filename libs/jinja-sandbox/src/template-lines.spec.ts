import { pythonSplitLines } from './python-lines';
import { templateLines } from './template-lines';

describe('pythonSplitLines', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['\n', ['']],
    ['a\n\nb', ['a', '', 'b']],
    ['a\r\nb\rc\nd', ['a', 'b', 'c', 'd']],
    ['a\vb\fc\x1cd\x1de\x1ef\x85g\u2028h\u2029i', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
    ['a\tb\x1fc\x00d', ['a\tb\x1fc\x00d']],
  ])('cuts %j as Python does', (text, lines) => {
    expect(pythonSplitLines(text)).toEqual(lines);
  });
});

/** The lines as `[number, text]`, verbatim ones only. */
function verbatim(source: string): Array<[number, string]> {
  return templateLines(source)
    .filter((line) => line.verbatim)
    .map((line) => [line.number, line.text]);
}

describe('templateLines', () => {
  it('numbers the lines as str.splitlines() cuts them, any line break counting once', () => {
    expect(templateLines('A: 1\r\nB: 2\rC: 3\vD: 4\n').map((line) => [line.number, line.text])).toEqual([
      [1, 'A: 1'],
      [2, 'B: 2'],
      [3, 'C: 3'],
      [4, 'D: 4'],
    ]);
  });

  it('marks plain lines verbatim and lines with markup not', () => {
    expect(verbatim('X-A: 1\nX-B: {{ data.id }}\n{% if x %}\nX-C: 3\n{% endif %}')).toEqual([
      [1, 'X-A: 1'],
      [4, 'X-C: 3'],
    ]);
  });

  it('keeps an empty line, which NetBox would print, and drops only the one trailing newline Jinja2 drops', () => {
    expect(verbatim('A: 1\n\nB: 2\n')).toEqual([
      [1, 'A: 1'],
      [2, ''],
      [3, 'B: 2'],
    ]);
    expect(verbatim('A: 1\n\n\n')).toEqual([
      [1, 'A: 1'],
      [2, ''],
    ]);
  });

  it('does not count a line whitespace control may join to a tag, nor the lines inside a tag or comment', () => {
    expect(verbatim('A: 1 -%}')).toEqual([[1, 'A: 1 -%}']]);
    expect(verbatim('{% if x -%}\n\nX-A\n{%- endif %}\nB: 1')).toEqual([[5, 'B: 1']]);
    expect(verbatim('A: 1\n{{ x\n }}\nB: 2\n{# a\ncomment #}')).toEqual([
      [1, 'A: 1'],
      [4, 'B: 2'],
    ]);
    expect(verbatim('X-A{# c #}: 1\nB: 2')).toEqual([[2, 'B: 2']]);
  });

  it('counts the inside of a raw block as the plain text it prints', () => {
    expect(verbatim('{% raw %}\nY: {{ z }}\n{% endraw %}')).toEqual([[2, 'Y: {{ z }}']]);
  });
});
