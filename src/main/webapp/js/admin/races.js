// The console's Races: one race's header for staff, a link to its room, and the actions other modules register
// for races (registerAction('race', …)).
import { api } from '/js/paddock.js';
import { byId, button, onSubmit } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { failed } from '/js/admin/justify.js';
import { ACTIONS } from '/js/admin/roles.js';
import { facts } from '/js/admin/view.js';

let context;

export function init(ctx) {
  context = ctx;
  onSubmit(byId('races-form'), (data) => load(data.get('id').trim()));
}

export async function show(raceId) {
  if (raceId) {
    byId('races-id').value = raceId;
    await load(raceId).catch(failed);
  }
}

async function load(id) {
  const race = await api(`/api/races/${encodeURIComponent(id)}`);
  byId('race-detail').hidden = false;
  const link = byId('race-link');
  link.href = `/race/${encodeURIComponent(race.id)}`;
  link.textContent = race.name;
  byId('race-status').textContent = race.status;
  facts(byId('race-facts'), [['Id', race.id], ['Organizer', race.organizer && race.organizer.display_name],
    ['Entrants', String((race.participants || []).length)], ['Created', dateTime(race.created_at)],
    ['Started', dateTime(race.started_at)], ['Finished', dateTime(race.finished_at)]]);
  const actions = byId('race-actions');
  actions.replaceChildren();
  for (const action of ACTIONS.race) {
    if ((!action.minRole || context.can(action.minRole)) && (!action.when || action.when(race))) {
      actions.append(button(action.label, () => action.run(race, () => load(id)), action.danger ? 'danger' : ''));
    }
  }
  if (context.can('admin')) actions.append(button('Audit entries', () => context.open('audit', { targetType: 'race', targetId: race.id })));
}
