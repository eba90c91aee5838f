import { html, type HtmlValue, type SafeHtml } from './safe-html';

export interface Column<T> {
  label: string;
  cell: (row: T) => HtmlValue;
  /** Shown on phones too; other columns hide below 700 px. */
  essential?: boolean;
}

/** A NetBox object table: caption for screen readers, scrolls sideways on a phone rather than overflow. */
export function table<T>(
  caption: string,
  columns: ReadonlyArray<Column<T>>,
  rows: readonly T[],
  empty = 'No results.',
): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  const hide = (column: Column<T>) => (column.essential ? '' : html` class="optional"`);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map((column) => html`<th scope="col" ${hide(column)}>${column.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${columns.map((column) => html`<td${hide(column)}>${column.cell(row)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Prev/next over an API page, keeping the filters; `page` counts from 1 as in NetBox's UI. */
export function pager(
  path: string,
  query: Record<string, string>,
  page: number,
  perPage: number,
  count: number,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(count / perPage));
  const link = (target: number) =>
    `${path}?${new URLSearchParams({ ...query, page: String(target), per_page: String(perPage) })}`;
  return html`<nav class="pager" aria-label="Pagination">
    ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">Previous</a>` : ''}
    <span>Page ${page} of ${pages.toLocaleString('en')} (${count.toLocaleString('en')} total)</span>
    ${page < pages ? html`<a href="${link(page + 1)}" rel="next">Next</a>` : ''}
  </nav>`;
}

/** A status as text and colour (colour is never the only cue). */
export function badge(text: string, tone: 'ok' | 'bad' | 'warn' | 'neutral' = 'neutral'): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}

export function alert(messages: readonly string[], tone: 'error' | 'info' | 'success' = 'error'): SafeHtml {
  if (messages.length === 0) return html``;
  return html`<div class="alert ${tone}" role="${tone === 'error' ? 'alert' : 'status'}">
    ${
      messages.length === 1
        ? messages[0]
        : html`<ul>
            ${messages.map((message) => html`<li>${message}</li>`)}
          </ul>`
    }
  </div>`;
}

/** A passed/total bar as SVG (no inline style, CSP-safe) with the numbers as text beside it. */
export function ratioBar(label: string, passed: number, total: number): SafeHtml {
  const width = total === 0 ? 0 : Math.round((passed / total) * 100);
  return html`<span class="ratio"
    ><svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="bar-bg" width="100" height="8"></rect>
      <rect class="bar-fill" width="${width}" height="8"></rect></svg
    ><span>${label} ${passed}/${total}</span></span
  >`;
}

export function page(query: Record<string, string | undefined>): {
  page: number;
  perPage: number;
  offset: number;
} {
  const perPage = Math.min(1000, Math.max(1, Number(query.per_page) || 50));
  const current = Math.max(1, Math.floor(Number(query.page) || 1));
  return { page: current, perPage, offset: (current - 1) * perPage };
}
