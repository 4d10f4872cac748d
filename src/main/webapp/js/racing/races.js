// races.html: open and running races, and the create form for a signed-in user.
import { api } from '/js/paddock.js';
import { byId, onSubmit, row } from '/js/ui.js';
import { dateTime } from '/js/format.js';

const raceUrl = (id) => '/race.html?id=' + encodeURIComponent(id);

const races = await api('/api/races?status=open,countdown,running', { quiet: true }).catch(() => []);
byId('no-races').hidden = races.length > 0;
document.querySelector('#race-list tbody').append(...races.map((race) => {
  const link = document.createElement('a');
  link.href = raceUrl(race.id);
  link.textContent = race.name;
  return row(link, race.status, race.organizer.display_name, dateTime(race.scheduled_start));
}));

const me = await api('/api/auth/me', { quiet: true }).catch(() => null);
byId('create').hidden = !me;
byId('sign-in-hint').hidden = !!me;
if (me) {
  const select = byId('race-pool');
  for (const pool of await api('/api/pools').catch(() => [])) {
    const option = document.createElement('option');
    option.value = pool.name;
    option.textContent = `${pool.name} (${pool.available} available)`;
    option.disabled = pool.available === 0;
    select.append(option);
  }
  onSubmit(byId('create-form'), async (data) => {
    const max = data.get('max');
    const race = await api('/api/races', { method: 'POST', body: {
      name: data.get('name'), pool_name: select.value,
      config: { max_participants: max ? Number(max) : null,
        show_finished_names: data.get('show_finished_names') === 'on' } } });
    location.href = raceUrl(race.id);
  });
}
