// Small helpers shared by the sign-in, register, verify, reset and account pages.
import { showProblem } from '/js/paddock.js';

/** Shows a non-error message in the page's alert area (kind: 'ok' or 'info'). */
export function notice(text, kind = 'ok') {
  const area = document.getElementById('alerts');
  if (!area) return;
  const box = document.createElement('div');
  box.className = `alert alert-${kind}`;
  box.setAttribute('role', 'status');
  box.textContent = text;
  area.replaceChildren(box);
}

/** Clears the alert area (before a new attempt). */
export function clearAlerts() {
  const area = document.getElementById('alerts');
  if (area) area.replaceChildren();
}

/** Runs `work` on submit with the form's submit button disabled; problems are shown by api(). */
export function onSubmit(form, work) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    clearAlerts();
    try {
      await work(new FormData(form));
    } catch (error) {
      if (!error.problem) showProblem(error);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

/** A human date-time for tables: "22 Nov 2026, 07:12", or the fallback when empty. */
export function when(iso, fallback = '—') {
  if (!iso) return fallback;
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The value of a query parameter of this page's URL. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}
