// /races/new: the create-race form (signed in); a new race is a draft, opened on its own page.
import { api, clearAlerts } from '/js/paddock.js';
import { byId } from '/js/ui.js';
import { clearFieldErrors, counter, fieldError, raceUrl, showFieldErrors } from '/js/racing/common.js';

const NAME_LIMIT = 100;
const form = byId('create-form');
const me = await api('/api/auth/me', { quiet: true }).catch(() => null);
byId('sign-in-hint').hidden = !!me;

if (me) {
  const select = byId('race-pool');
  const pools = await api('/api/pools').catch(() => []);
  for (const pool of pools) {
    const option = document.createElement('option');
    option.value = pool.name;
    option.textContent = `${pool.name} (${pool.available === 1 ? '1 seed' : pool.available + ' seeds'} left)`;
    option.disabled = pool.available === 0;
    select.append(option);
  }
  byId('no-pool').hidden = pools.some((p) => p.available > 0);
  const nameFits = counter(byId('race-name'), NAME_LIMIT);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearAlerts();
    clearFieldErrors(form);
    const name = byId('race-name');
    const max = byId('race-max');
    let ok = true;
    if (!name.value.trim()) { fieldError(name, 'Give the race a name.'); ok = false; }
    if (!nameFits()) { fieldError(name, `The name is ${name.value.length} characters long; at most ${NAME_LIMIT} fit.`); ok = false; }
    const most = max.value ? Number(max.value) : null;
    if (most !== null && !(Number.isInteger(most) && most >= 1 && most <= 1000)) {
      fieldError(max, 'Enter a whole number from 1 to 1000, or leave it empty.');
      ok = false;
    }
    if (!ok) return;
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const race = await api('/api/races', { method: 'POST', quiet: true, body: {
        name: name.value.trim(), pool_name: select.value || null,
        config: { max_participants: most, show_finished_names: byId('race-show-finished').checked } } });
      location.href = raceUrl(race.id) + '?created=1';
    } catch (error) {
      showFieldErrors(error, { name, pool_name: select, max_participants: max }, (field, message) => ({
        name: `The name ${message}.`, pool_name: `The pool ${message}.`, max_participants: `Most entrants ${message}.`,
      }[field] || message));
    } finally {
      submit.disabled = false;
    }
  });
  // Shown only now: a submit before the handler is attached would reload the page instead.
  form.hidden = false;
}
