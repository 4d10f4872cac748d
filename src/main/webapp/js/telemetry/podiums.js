// podiums.html: the month's verified podiums of one sim; the choice is kept in the URL.
import { api } from '/js/paddock.js';
import { byId, param, row } from '/js/ui.js';

const platform = byId('platform');
const month = byId('month');
month.value = new Date().toISOString().slice(0, 7);
if (param('platform')) platform.value = param('platform');
if (param('month')) month.value = param('month');

async function load() {
  const query = `platform=${encodeURIComponent(platform.value)}&month=${encodeURIComponent(month.value)}`;
  history.replaceState(null, '', '?' + query);
  const board = await api('/api/podiums/leaderboard?' + query).catch(() => null);
  byId('rows').replaceChildren();
  if (!board) return;
  byId('rows').append(...board.rows.map((r) => row(r.rank, r.displayName, r.wins, r.seconds, r.thirds, r.podiums)));
  byId('empty').hidden = board.rows.length > 0;
}

// The pickers reload on change; the form itself never submits.
byId('podium-filter').addEventListener('submit', (event) => event.preventDefault());
platform.addEventListener('change', load);
month.addEventListener('change', load);
load();
