import { html } from './safe-html';

describe('html', () => {
  it('escapes interpolated text, so a name cannot become markup', () => {
    expect(html`<td>${'<script>alert("x")</script> & \'y\''}</td>`.value).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>',
    );
  });

  it('keeps nested templates and lists as markup and drops null, undefined and false', () => {
    const rows = ['a', 'b'].map((name) => html`<li>${name}</li>`);
    const list = html`<ul>
      ${rows}${null}${undefined}${false}${0}
    </ul>`;
    expect(list.value.replace(/\s+/g, '')).toBe('<ul><li>a</li><li>b</li>0</ul>');
  });
});
