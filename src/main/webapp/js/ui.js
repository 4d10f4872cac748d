// DOM helpers every page shares: table cells, badges, buttons, forms and the page's query.
import { clearAlerts, showProblem } from '/js/paddock.js';

/** The element with this id. */
export const byId = (id) => document.getElementById(id);

/** The value of a query parameter of this page's URL. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/**
 * A same-site path to continue to, or null: never bounce a user to another origin. The server's rule
 * (platform.web.SameSitePath), character for character: one leading slash, then at most 299 printable
 * ASCII characters without a backslash (browsers read /\host as //host and drop tabs and line breaks, so
 * /<TAB>/host becomes //host).
 */
export function sameSitePath(path) {
  return typeof path === 'string' && /^\/(?!\/)[\x21-\x5b\x5d-\x7e]{0,299}$/.test(path) ? path : null;
}

/** A table cell holding a node (a link, a badge) or text; `empty` stands in for null and undefined. */
export function cell(value, empty = '') {
  const td = document.createElement('td');
  if (value instanceof Node) td.append(value);
  else td.textContent = value ?? empty;
  return td;
}

/** A table row of cells; plain values become text cells. */
export function row(...cells) {
  const tr = document.createElement('tr');
  tr.append(...cells.map((value) => (value instanceof HTMLTableCellElement ? value : cell(value))));
  return tr;
}

/** A list item with text. */
export function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

/** A badge: green when good is true, red when false, neutral otherwise. */
export function badge(text, good) {
  const span = document.createElement('span');
  span.className = 'badge' + (good === true ? ' badge-ok' : good === false ? ' badge-bad' : '');
  span.textContent = text;
  return span;
}

/** A plain button that calls onClick(button) when clicked; a failure is shown as onSubmit shows it. */
export function button(label, onClick, className = '') {
  const element = document.createElement('button');
  element.type = 'button';
  if (className) element.className = className;
  element.textContent = label;
  element.addEventListener('click', async () => {
    try {
      await onClick(element);
    } catch (error) {
      if (!error.problem) showProblem(error);
    }
  });
  return element;
}

/** A table cell with one small action button. */
export function actionCell(label, onClick) {
  return cell(button(label, onClick, 'small'));
}

/**
 * Runs `work(formData)` on submit instead of a navigation, with the submit button disabled
 * meanwhile; problems from api() are already shown, anything else is shown here.
 */
export function onSubmit(form, work) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    if (submit) submit.disabled = true;
    clearAlerts();
    try {
      await work(new FormData(form));
    } catch (error) {
      if (!error.problem) showProblem(error);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}
