// What every section of the page uses: elements, tables, the API with the session's key.
export const KEY = 'o2c-ops-console-key';
export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? '-'));
  return node;
}

export function table(header, rows) {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el(
          'tr',
          {},
          ...row.map((c) =>
            c instanceof Node
              ? el('td', {}, c)
              : el('td', typeof c === 'number' ? { class: 'n' } : {}, c),
          ),
        ),
      ),
    ),
  );
}

export function show(id, ...nodes) {
  const target = $(id);
  target.className = '';
  target.replaceChildren(...nodes);
}

export function fail(id, error) {
  const target = $(id);
  target.className = 'error';
  target.textContent = error.message;
}

export async function api(path, options = {}) {
  const key = sessionStorage.getItem(KEY);
  if (!key) throw new Error('enter an API key first');
  const res = await fetch(path, {
    ...options,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${res.status} ${body.title || ''}: ${body.detail || ''}`);
  return body;
}

export const seconds = (s) =>
  s === null || s === undefined
    ? '-'
    : s < 120
      ? `${Math.round(s * 10) / 10} s`
      : `${Math.round(s / 60)} min`;
