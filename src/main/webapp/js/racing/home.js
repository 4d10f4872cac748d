// The home page is the race list: open, starting and running races with live timers (refreshed every
// 10 s), a paged history of finished races, and "My races" for a signed-in user (drafts included).
import { api } from '/js/paddock.js';
import { byId } from '/js/ui.js';
import { raceItem, tickTimers } from '/js/racing/common.js';

const PAGE = 10;
let page = 0;
let offset = 0; // the server's clock minus this browser's

function fill(list, none, races) {
  byId(list).replaceChildren(...races.map(raceItem));
  byId(none).hidden = races.length > 0;
}

async function loadLive() {
  const races = await api('/api/races?status=open,countdown,running', { quiet: true }).catch(() => null);
  if (races) fill('race-list', 'no-races', races);
  tickTimers(offset);
}

async function loadFinished() {
  const history = await api(`/api/races/history?page=${page}&size=${PAGE}`, { quiet: true }).catch(() => null);
  if (!history) return;
  offset = Date.parse(history.server_time) - Date.now();
  fill('finished-list', 'no-finished', history.races);
  const pages = Math.max(1, Math.ceil(history.total / PAGE));
  byId('finished-page').textContent = history.total ? `Page ${page + 1} of ${pages}` : '';
  byId('newer').disabled = page === 0;
  byId('older').disabled = !history.has_more;
  tickTimers(offset);
}

async function loadMine() {
  const mine = await api('/api/races/mine', { quiet: true }).catch(() => null);
  byId('my-races').hidden = !mine;
  byId('create-race').hidden = !mine;
  byId('sign-in-to-create').hidden = !!mine;
  if (!mine) return;
  fill('my-organized', 'my-organized-none', mine.organized);
  fill('my-entered', 'my-entered-none', mine.entered);
  tickTimers(offset);
}

byId('older').addEventListener('click', () => { page += 1; loadFinished(); });
byId('newer').addEventListener('click', () => { page = Math.max(0, page - 1); loadFinished(); });

await Promise.all([loadLive(), loadFinished(), loadMine()]);
setInterval(() => tickTimers(offset), 1000);
// Polling every 10 s keeps the list current without a socket per race.
setInterval(() => { loadLive(); if (page === 0) loadFinished(); }, 10000);
