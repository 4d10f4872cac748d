// What the racing pages share: statuses in words, race links, live timers, confirmations and
// field errors next to their inputs.
import { showProblem } from '/js/paddock.js';

/** A race status as people say it, and one sentence on what it means. */
export const STATUS = {
  draft: { label: 'Draft', say: 'Only the organizer sees it; nobody can join yet.' },
  open: { label: 'Open', say: 'Entrants are joining; no start time is set yet.' },
  countdown: { label: 'Starting soon', say: 'The start time is set; the clock counts down.' },
  running: { label: 'Running', say: 'The race is on.' },
  finished: { label: 'Finished', say: 'Every entrant has finished or dropped out.' },
};

/** A participant status in words. */
export const PLAYER_STATUS = {
  registered: 'Not ready', ready: 'Ready', playing: 'Racing', finished: 'Finished', abandoned: 'Dropped out',
};

export const statusLabel = (status) => (STATUS[status] ? STATUS[status].label : status);

/** The race's address (clean form). */
export const raceUrl = (id) => '/race/' + encodeURIComponent(id);

/** h:mm:ss (or m:ss under an hour) of a duration in milliseconds; never negative. */
export function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** A date and time in the viewer's time zone, with the zone's short name. */
export function localTime(iso) {
  if (!iso) return '—';
  // dateStyle/timeStyle cannot be combined with timeZoneName: spell the fields out.
  return new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', timeZoneName: 'short' });
}

/** The viewer's time zone, e.g. "Europe/Berlin (GMT+1)". */
export function timeZone() {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  const offset = new Date().toLocaleTimeString(undefined, { timeZoneName: 'short' }).split(' ').pop();
  return `${name} (${offset})`;
}

/**
 * What a race's timer says now: the countdown to its start, its running clock or its final time.
 * `offset` is the server's clock minus this browser's, so a wrong clock here shows the right time.
 */
export function timerText(race, offset = 0) {
  const now = Date.now() + offset;
  if (race.status === 'countdown' && race.scheduled_start) {
    const left = new Date(race.scheduled_start) - now;
    return left > 0 ? 'starts in ' + clock(left + 999) : 'starting…';
  }
  if (race.status === 'running' && race.started_at) return clock(now - new Date(race.started_at));
  if (race.status === 'finished' && race.started_at && race.finished_at) {
    return clock(new Date(race.finished_at) - new Date(race.started_at));
  }
  return '';
}

/** A status badge whose colour follows the race state. */
export function statusBadge(status) {
  const span = document.createElement('span');
  span.className = `badge status status-${status}`;
  span.textContent = statusLabel(status);
  return span;
}

/**
 * One race in a list: its name (a link), status, organizer, entrant count and a live timer (the
 * element carries the race in data-* for {@link tickTimers}).
 */
export function raceItem(race) {
  const li = document.createElement('li');
  li.className = 'race-item';
  li.dataset.race = race.id;
  const link = document.createElement('a');
  link.href = raceUrl(race.id);
  link.className = 'race-item-name';
  link.textContent = race.name;
  const head = document.createElement('div');
  head.className = 'race-item-head';
  head.append(link, statusBadge(race.status));
  const meta = document.createElement('p');
  meta.className = 'race-item-meta';
  const entrants = race.entrant_count === 1 ? '1 entrant' : `${race.entrant_count ?? 0} entrants`;
  const when = race.status === 'finished' ? 'finished ' + localTime(race.finished_at)
    : race.scheduled_start ? 'start ' + localTime(race.scheduled_start) : 'created ' + localTime(race.created_at);
  meta.textContent = `by ${race.organizer.display_name} · ${entrants} · ${when}`;
  const timer = document.createElement('span');
  timer.className = 'race-timer';
  timer.dataset.status = race.status;
  if (race.scheduled_start) timer.dataset.scheduledStart = race.scheduled_start;
  if (race.started_at) timer.dataset.startedAt = race.started_at;
  if (race.finished_at) timer.dataset.finishedAt = race.finished_at;
  head.append(timer);
  li.append(head, meta);
  return li;
}

/** Refreshes every race timer in the page (call every second). */
export function tickTimers(offset = 0) {
  for (const timer of document.querySelectorAll('.race-timer')) {
    timer.textContent = timerText({ status: timer.dataset.status, scheduled_start: timer.dataset.scheduledStart,
      started_at: timer.dataset.startedAt, finished_at: timer.dataset.finishedAt }, offset);
  }
}

/**
 * Asks before an action: a modal dialog with what will happen (and what is lost), resolving true when
 * the person confirms.
 */
export function confirmAction(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    const heading = document.createElement('h2');
    heading.id = 'confirm-title';
    heading.textContent = title;
    const body = document.createElement('p');
    body.textContent = text;
    const actions = document.createElement('p');
    actions.className = 'form-actions';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    const ok = document.createElement('button');
    ok.type = 'button';
    ok.className = 'primary danger';
    ok.textContent = confirmLabel;
    actions.append(ok, cancel);
    dialog.append(heading, body, actions);
    let answer = false;
    ok.addEventListener('click', () => { answer = true; dialog.close(); });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * Puts text on the clipboard: the Clipboard API where the page may use it, else a selected text area
 * and the copy command (pages served over plain http on another host have no Clipboard API).
 */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** A "Copy link" button, saying "Copied" once the link is on the clipboard. */
export function copyButton(text, label = 'Copy link') {
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'small';
  copy.textContent = label;
  copy.addEventListener('click', async () => {
    copy.textContent = (await copyText(text)) ? 'Copied' : 'Select the link and copy it';
    setTimeout(() => { copy.textContent = label; }, 3000);
  });
  return copy;
}

/** Shows a character counter under an input ("12 of 100 characters"), red past the limit. */
export function counter(input, limit) {
  const hint = document.createElement('p');
  hint.className = 'hint counter';
  hint.id = input.id + '-count';
  input.setAttribute('aria-describedby', hint.id);
  const update = () => {
    const n = input.value.length;
    hint.textContent = `${n} of ${limit} characters`;
    hint.classList.toggle('over', n > limit);
  };
  input.addEventListener('input', update);
  input.after(hint);
  update();
  return () => input.value.length <= limit;
}

/** Clears the errors shown next to a form's fields. */
export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

/** Shows one message next to an input. */
export function fieldError(input, message) {
  const error = document.createElement('p');
  error.className = 'field-error';
  error.id = input.id + '-error';
  error.setAttribute('role', 'alert');
  error.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  (input.closest('.field') || input).after(error);
}

/**
 * Puts a refusal's field errors next to their inputs (`fields` maps the API's field names to inputs,
 * `words` rewrites its messages); what no field takes goes to the page's alert area.
 */
export function showFieldErrors(error, fields, words = (field, message) => message) {
  const problem = error.problem || {};
  const left = [];
  for (const { field, message } of problem.errors || []) {
    const key = Object.keys(fields).find((name) => field === name || field.endsWith('.' + name));
    if (key) fieldError(fields[key], words(key, message));
    else left.push({ field, message });
  }
  if (!(problem.errors || []).length || left.length) showProblem(error);
}
