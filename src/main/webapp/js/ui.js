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
 * meanwhile; problems from api() are already shown, anything else is shown here. A field the problem
 * names gets its message right under it (and is marked invalid) until the next attempt.
 */
export function onSubmit(form, work) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    if (submit) submit.disabled = true;
    clearAlerts();
    clearFieldErrors(form);
    try {
      await work(new FormData(form));
    } catch (error) {
      if (!error.problem) showProblem(error);
      else showFieldErrors(form, error.problem.errors);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}

/** The form's field for a problem's field name (`displayName`, `config.max_participants`), or null. */
function fieldOf(form, name) {
  if (typeof name !== 'string' || !name) return null;
  return form.elements.namedItem(name) || form.elements.namedItem(name.split('.').pop());
}

/** Puts each error under its field; returns how many found their field. */
export function showFieldErrors(form, errors) {
  let placed = 0;
  for (const { field, message } of Array.isArray(errors) ? errors : []) {
    const input = fieldOf(form, field);
    if (!(input instanceof HTMLElement) || !input.id) continue;
    fieldError(input, input.type === 'checkbox' ? 'Required: tick this box to go on.'
      : `${labelOf(input)} ${plainMessage(message)}.`);
    placed++;
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
  return placed;
}

/** Shows one message under a field, or clears it with null. */
export function fieldError(input, text) {
  const id = `${input.id}-error`;
  let note = document.getElementById(id);
  if (text === null) {
    if (note) note.remove();
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', describedBy(input).filter((other) => other !== id).join(' '));
    if (!input.getAttribute('aria-describedby')) input.removeAttribute('aria-describedby');
    return;
  }
  if (!note) {
    note = document.createElement('p');
    note.id = id;
    note.className = 'field-error';
    const anchor = input.closest('label.check') || document.getElementById(`${input.id}-meta`) || input;
    anchor.after(note);
  }
  note.textContent = text;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [...new Set([...describedBy(input), id])].join(' '));
}

function describedBy(input) {
  return (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
}

function clearFieldErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid="true"]')) fieldError(input, null);
}

/** A field's name in words: its label's text, without a trailing counter or "(optional)". */
export function labelOf(input) {
  const label = input.id ? document.querySelector(`label[for="${input.id}"]`) : input.closest('label');
  const text = label ? label.textContent.replace(/\s+/g, ' ').trim() : input.name;
  return text.replace(/\s*\(optional\)$/i, '');
}

/** Bean Validation's phrasing in plain words ("must not be blank" → "is required"). */
export function plainMessage(message) {
  const text = String(message || 'is not valid');
  const size = /^size must be between (\d+) and (\d+)$/.exec(text);
  if (size) return Number(size[1]) > 0 ? `must be ${size[1]} to ${size[2]} characters` : `must be at most ${size[2]} characters`;
  return { 'must not be blank': 'is required', 'must not be null': 'is required', 'must not be empty': 'is required',
    'must be a well-formed email address': 'must be an email address, like name@example.com' }[text] || text;
}

/**
 * A live "12 / 100" under a text field with a limit (its data-max), red past it. The field keeps what was typed
 * (no maxlength, so nothing is silently cut) and says what is wrong when it is too long.
 */
export function counter(input) {
  const max = Number(input.dataset.max);
  const meta = document.createElement('div');
  meta.id = `${input.id}-meta`;
  meta.className = 'field-meta';
  const count = document.createElement('p');
  count.id = `${input.id}-counter`;
  count.className = 'counter';
  meta.append(count);
  input.after(meta);
  input.setAttribute('aria-describedby', [...new Set([...describedBy(input), count.id])].join(' '));
  const update = () => {
    const length = [...input.value].length;
    count.textContent = `${length} / ${max}`;
    const over = length > max;
    count.classList.toggle('over', over);
    if (over) fieldError(input, `${labelOf(input)} must be at most ${max} characters (it has ${length}).`);
    else if (document.getElementById(`${input.id}-error`)?.textContent.includes(`at most ${max}`)) fieldError(input, null);
  };
  input.addEventListener('input', update);
  update();
  return { input, tooLong: () => [...input.value].length > max, update };
}

/** Adds a counter to every field of the form that has data-max; returns a check that none is too long. */
export function counters(form) {
  const all = [...form.querySelectorAll('input[data-max], textarea[data-max]')].map(counter);
  return () => {
    const over = all.filter((one) => one.tooLong());
    over.forEach((one) => one.update()); // a submit clears field errors: say it again
    if (over.length) over[0].input.focus();
    return over.length === 0;
  };
}
