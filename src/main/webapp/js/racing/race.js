// /race/{id} (and /race/{id}/manage): the race room. Status in words, the start in the viewer's time
// zone, a running clock, entrants with their layer "n of N", gaps to the leader's split at the same
// layer, finish places and the seed map, live over /ws/race/{id}; the organizer's steps on top.
import { api, clearAlerts, connect, notice } from '/js/paddock.js';
import { byId, param } from '/js/ui.js';
import { raceClock } from '/js/format.js';
import { PLAYER_STATUS, STATUS, clearFieldErrors, clock, confirmAction, copyButton, fieldError, localTime,
  showFieldErrors, statusLabel, timeZone, timerText } from '/js/racing/common.js';
import { drawSeedMap } from '/js/racing/seed-map.js';
// The Discord voice room panel mounts itself (docs/api/discord.md, "Race rooms").
import '/js/discord/voice-panel.js';

const path = location.pathname.match(/^\/race\/([^/]+)(\/manage)?\/?$/);
const id = path ? decodeURIComponent(path[1]) : param('id');
const managing = !!(path && path[2]);

let race = null; // the race header: name, status, scheduled_start, started_at, finished_at
let details = null; // GET /api/races/{id}: organizer, config, seed, links (organizer only)
let board = [];
let splits = {}; // layer → the leader's IGT at entering it
let totalLayers = null;
let graph = null;
let version = 0;
let offset = 0; // the server's clock minus this browser's
let socket = null;
// Zone history per participant: race_state sends it whole, player updates only what changed in it.
let histories = new Map();

function showNotFound() {
  byId('room').hidden = true;
  byId('not-found').hidden = false;
  document.title = 'Race not found — Paddock';
  if (socket) socket.close();
}

// --- the leaderboard --------------------------------------------------------------------------

function mergeSplits(participants) {
  for (const p of participants) {
    if (p.layer_entry_igt === null || p.layer_entry_igt === undefined) continue;
    const known = splits[p.current_layer];
    if (known === undefined || p.layer_entry_igt < known) splits[p.current_layer] = p.layer_entry_igt;
  }
}

function extendHistory(p) {
  if (!Array.isArray(p.zone_history_added)) return;
  const history = (histories.get(p.id) || []).slice(0, p.zone_history_from);
  histories.set(p.id, history.concat(p.zone_history_added));
}

/** The gap cell: finishers against the winner's time, racers against the leader's split at their layer. */
function gapText(p, winner) {
  if (p.status === 'finished' && winner !== null) return p.igt_ms === winner ? 'Winner' : '+' + clock(p.igt_ms - winner);
  if (p.status === 'playing' && p.layer_entry_igt !== null && p.layer_entry_igt !== undefined) {
    const split = splits[p.current_layer];
    if (split === undefined) return '—';
    const gap = p.layer_entry_igt - split;
    return gap <= 0 ? 'Leader' : '+' + clock(gap);
  }
  return '—';
}

function layerText(p) {
  return totalLayers ? `${p.current_layer} of ${totalLayers}` : String(p.current_layer);
}

function renderBoard(participants) {
  board = participants;
  mergeSplits(participants);
  const finishers = participants.filter((p) => p.status === 'finished').map((p) => p.igt_ms);
  const winner = finishers.length ? Math.min(...finishers) : null;
  let place = 0;
  byId('leaderboard').querySelector('tbody').replaceChildren(...participants.map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.participant = p.id;
    tr.dataset.status = p.status;
    tr.title = (histories.get(p.id) || []).map((z) => z.node_id).join(' → ');
    const name = document.createElement('span');
    name.textContent = p.twitch_display_name || p.twitch_username || 'Finished (name hidden)';
    const player = document.createElement('td');
    player.append(name);
    if (p.mod_connected) {
      const live = document.createElement('span');
      live.className = 'mod-live';
      live.textContent = ' ●';
      live.title = 'Game connected';
      live.setAttribute('aria-label', 'game connected');
      player.append(live);
    }
    const cells = [p.status === 'finished' ? String(++place) : '', player, PLAYER_STATUS[p.status] || p.status,
      layerText(p), raceClock(p.igt_ms), gapText(p, winner), String(p.death_count)];
    const labels = ['Place', 'Player', 'Status', 'Layer', 'Time', 'Gap', 'Deaths'];
    cells.forEach((value, i) => {
      const td = value instanceof Node ? value : document.createElement('td');
      if (!(value instanceof Node)) td.textContent = value;
      td.dataset.label = labels[i];
      if (i === 5) td.className = 'gap';
      tr.append(td);
    });
    return tr;
  }));
  byId('board-none').hidden = participants.length > 0;
  renderMap();
}

// Player updates change rows in place (an update carries the id and the fields that changed, or the
// whole participant); the order comes with the full leaderboard_update.
function updatePlayers(players) {
  players.forEach(extendHistory);
  const byParticipant = new Map(players.map(({ zone_history_from: from, zone_history_added: added, ...fields }) =>
    [fields.id, fields]));
  renderBoard(board.map((p) => (byParticipant.has(p.id) ? { ...p, ...byParticipant.get(p.id) } : p)));
}

function renderMap() {
  const section = byId('map-section');
  section.hidden = !graph;
  if (!graph) return;
  byId('map-note').textContent = race && (race.status === 'running' || race.status === 'finished')
    ? 'Each dot is an entrant on the node they are in.'
    : 'Only you see the map before the start; everyone sees it once the race runs.';
  drawSeedMap(byId('seed-map'), graph, board, histories);
}

// --- the header -------------------------------------------------------------------------------

function renderHeader() {
  if (!race) return;
  byId('race-name').textContent = race.name || 'Race';
  document.title = `${race.name} — Paddock`;
  const status = byId('race-status');
  status.textContent = statusLabel(race.status);
  status.className = `badge status status-${race.status}`;
  byId('race-status-text').textContent = STATUS[race.status] ? STATUS[race.status].say : '';
  let start = race.scheduled_start ? localTime(race.scheduled_start) : 'Not set yet';
  if (race.started_at && race.status !== 'countdown') start = 'Started ' + localTime(race.started_at);
  byId('race-start').textContent = start;
  if (totalLayers) byId('race-layers').textContent = `${totalLayers} layers`;
  tickClock();
}

function tickClock() {
  if (race) byId('race-clock').textContent = timerText(race, offset);
}
setInterval(tickClock, 250);

// --- the socket -------------------------------------------------------------------------------

function watch() {
  socket = connect('/ws/race/' + encodeURIComponent(id), {
    onStatus: (status, code) => {
      if (code === 4004) { showNotFound(); return; }
      byId('socket-status').textContent = status === 'open' ? '(live)' : status === 'closed' ? '' : '(reconnecting…)';
    },
    onMessage: (m) => {
      if (m.type === 'race_state') {
        race = { ...race, ...m.race };
        totalLayers = m.seed ? m.seed.total_layers : totalLayers;
        graph = m.seed && m.seed.graph_json ? m.seed.graph_json : null;
        splits = { ...(m.leader_splits || {}) };
        version = m.version;
        histories = new Map(m.participants.map((p) => [p.id, p.zone_history || []]));
        byId('spectators').textContent = m.spectator_count;
        renderHeader();
        renderBoard(m.participants);
      } else if (m.type === 'player_updates') {
        if (m.version <= version) return; // already in race_state
        if (m.previous_version > version) {
          // A frame was missed (changed fields only would leave rows wrong): start again from race_state.
          socket.reconnect();
          return;
        }
        version = m.version;
        updatePlayers(m.players);
      } else if (m.type === 'player_update') {
        updatePlayers([m.player]);
      } else if (m.type === 'leaderboard_update') {
        if (m.version <= version) return; // stale
        version = m.version;
        splits = { ...(m.leader_splits || {}) };
        renderBoard(m.participants);
      } else if (m.type === 'race_status_change') {
        race = { ...race, status: m.status, started_at: m.started_at, scheduled_start: m.scheduled_start };
        renderHeader();
        load();
      } else if (m.type === 'spectator_count') {
        byId('spectators').textContent = m.count;
      }
    },
  });
}

// --- details and the organizer's steps --------------------------------------------------------

async function load() {
  let loaded;
  try {
    // Never the browser's revalidated copy: its server_time, which corrects the clock below, would be old.
    loaded = await api('/api/races/' + encodeURIComponent(id), { quiet: true, cache: 'no-store' });
  } catch (error) {
    if (error.status === 404 || error.status === 400) showNotFound();
    return;
  }
  details = loaded;
  offset = Date.parse(details.server_time) - Date.now();
  race = { ...race, name: details.name, status: details.status, scheduled_start: details.scheduled_start,
    started_at: details.started_at, finished_at: details.finished_at };
  totalLayers = details.seed ? details.seed.total_layers : totalLayers;
  byId('race-organizer').textContent = details.organizer.display_name;
  renderHeader();
  if (details.my_participant_id && details.packs_released) {
    const mine = await api(`/api/races/${id}/my-pack`, { quiet: true }).catch(() => null);
    if (mine) {
      byId('download-link').href = new URL(mine.url).pathname;
      byId('download').hidden = false;
      if (mine.magnet && mine.torrent_url) {
        byId('magnet-link').href = mine.magnet;
        byId('torrent-link').href = new URL(mine.torrent_url).pathname;
        byId('magnet-item').replaceWith(Object.assign(linkItem('Magnet:', mine.magnet), { id: 'magnet-item' }));
        byId('torrent').hidden = false;
      }
    }
  }
  byId('manage').hidden = !details.is_organizer;
  if (details.is_organizer) renderManage();
  loadAttempts();
  document.dispatchEvent(new CustomEvent('paddock:race', { detail: { id, race: details, panels: byId('race-panels') } }));
}

function nextStep(d) {
  const n = d.participants.length;
  switch (d.status) {
    case 'draft': return n === 0 ? 'Next: add entrants below, then open the race.'
      : 'Next: open the race, so invitees can join and it shows in the race list.';
    case 'open': return !d.packs_released ? 'Next: release the packs — each entrant gets a personal download link to send them.'
      : 'Next: set the start. Entrants can keep downloading their packs until then.';
    case 'countdown': return `The race starts ${localTime(d.scheduled_start)}. Make sure every entrant has their pack.`;
    case 'running': return 'The race is running. You see every entrant live below.';
    case 'finished': return 'The race is finished. You can reset it to run it again: these results are kept.';
    default: return '';
  }
}

const nameOf = (p) => p.twitch_display_name || p.twitch_username;

function linkItem(label, url) {
  const li = document.createElement('li');
  const text = document.createElement('span');
  text.textContent = label + ' ';
  const link = document.createElement('a');
  link.href = url;
  link.className = 'mono link-url';
  link.textContent = url;
  li.append(text, copyButton(url), ' ', link);
  return li;
}

function renderManage() {
  const d = details;
  const setup = d.status === 'draft' || d.status === 'open';
  byId('next-step').textContent = nextStep(d);
  byId('add-form').hidden = !setup;
  byId('add-form').nextElementSibling.hidden = !setup;
  byId('manage-none').hidden = d.participants.length > 0;
  byId('manage-participants').replaceChildren(...d.participants.map((p) => {
    const li = document.createElement('li');
    li.append(`${nameOf(p)} — ${PLAYER_STATUS[p.status] || p.status} `);
    if (setup) {
      li.append(actionButton('Remove', () => confirmAction(`Remove ${nameOf(p)}?`,
        `${nameOf(p)} leaves the race: their pack link and mod token stop working at once.`, 'Remove entrant'),
      () => act(`/participants/${p.id}`, 'DELETE', undefined, `${nameOf(p)} was removed.`)));
    }
    li.append(' ', actionButton('New mod token', () => confirmAction(`New mod token for ${nameOf(p)}?`,
      `${nameOf(p)}'s current pack link and mod token stop working, and their game disconnects; send them the new link.`,
      'Replace token'), () => act(`/participants/${p.id}/regenerate-token`, 'POST', undefined,
      `${nameOf(p)} has a new pack link: copy it from the list.`)));
    return li;
  }));
  const invites = d.invites || [];
  byId('invites-block').hidden = invites.length === 0;
  byId('invites').replaceChildren(...invites.map((i) => linkItem(`${i.twitch_username} (${i.state}):`, i.url)));
  const downloads = d.downloads || [];
  byId('downloads-block').hidden = downloads.length === 0;
  byId('downloads').replaceChildren(...downloads.map((x) => linkItem(`${x.twitch_username}:`, x.url)));
  // The seed's torrent is the same for everyone (its magnet holds no token); each pack link's .torrent is the
  // entrant's own.
  if (downloads.length > 0 && downloads[0].magnet) {
    byId('downloads').append(linkItem('Seed files over BitTorrent (magnet, the same for every entrant):',
      downloads[0].magnet));
  }
  byId('start-form').hidden = d.status !== 'open';
  byId('time-zone').textContent = timeZone();

  const actions = [];
  if (d.status === 'draft') {
    actions.push(actionButton('Open race', null, () => act('/open', 'POST', { version: d.version },
      'The race is open: it shows in the race list and invitees can join.'), 'primary'));
  }
  if (d.status === 'open' && !d.packs_released) {
    actions.push(actionButton('Release packs', () => confirmAction('Release the packs?',
      'Every entrant gets a personal download link. The seed is then fixed: it can no longer be re-rolled.',
      'Release packs'), () => act('/generate-zips', 'POST', undefined,
      'Packs released: copy each entrant\'s link from the list below.'), 'primary'));
  }
  if (setup && !d.packs_released) {
    actions.push(actionButton('Re-roll seed', () => confirmAction('Draw another seed?',
      'The current seed is discarded for good and a new one is drawn from the pool.', 'Re-roll seed'),
    () => act('/reroll', 'POST', { version: d.version }, 'A new seed was drawn.')));
  }
  if (d.status === 'countdown') {
    actions.push(actionButton('Cancel the start', () => confirmAction('Cancel the start?',
      `The start ${localTime(d.scheduled_start)} is cancelled and the race goes back to open. Nothing else changes.`,
      'Cancel the start'), () => act('/reset', 'POST', { version: d.version }, 'Start cancelled: the race is open again.')));
  }
  if (d.status === 'running' || d.status === 'finished') {
    const finished = d.participants.filter((p) => p.status === 'finished').length;
    const attempt = (d.attempt_count || 0) + 1;
    const lost = d.status === 'running'
      ? `The race stops now for all ${d.participants.length} entrants. What they reached so far (layers, times, ${finished} finished) is kept as attempt ${attempt} under Earlier attempts; then everyone starts again from nothing.`
      : `The results (${finished} of ${d.participants.length} finished) are kept as attempt ${attempt} under Earlier attempts. The race goes back to open with everyone's progress cleared, to be run again.`;
    actions.push(actionButton('Reset race', () => confirmAction('Reset this race?', lost, 'Reset race'),
      () => act('/reset', 'POST', { version: d.version }, `Race reset: the previous results are kept as attempt ${attempt}.`),
      'danger'));
  }
  byId('actions').replaceChildren(...actions);
  if (managing && !renderManage.scrolled) {
    renderManage.scrolled = true;
    byId('manage').scrollIntoView();
  }
}

/** A button that (after `ask`, when given, says yes) runs `work`. */
function actionButton(label, ask, work, className = '') {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = (className + ' small').trim();
  element.textContent = label;
  element.addEventListener('click', async () => {
    if (ask && !(await ask())) return;
    element.disabled = true;
    try { await work(); } finally { element.disabled = false; }
  });
  return element;
}

/** Calls a race action; on success reloads and says what happened (a refusal is shown by api()). */
async function act(suffix, method, body, success) {
  clearAlerts();
  const result = await api(`/api/races/${id}${suffix}`, { method, body }).catch(() => undefined);
  if (result === undefined) return undefined;
  await load();
  notice(success);
  return result;
}

byId('add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = byId('add-form');
  const input = byId('twitch');
  clearFieldErrors(form);
  clearAlerts();
  const login = input.value.trim();
  if (!/^[A-Za-z0-9_]{1,50}$/.test(login)) {
    fieldError(input, login ? 'A Twitch username has only letters, digits and _ (at most 50).' : 'Enter a Twitch username.');
    return;
  }
  try {
    const added = await api(`/api/races/${id}/participants`, { method: 'POST', quiet: true, body: { twitch_username: login } });
    input.value = '';
    await load();
    notice(added.invite ? `${login} has no Paddock account yet: send them the invite link below.`
      : `${login} was added to the race.`);
  } catch (error) {
    if (error.problem && !error.problem.errors) fieldError(input, error.problem.detail || error.problem.title);
    else showFieldErrors(error, { twitch_username: input });
  }
});

function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

for (const quick of document.querySelectorAll('.quick-starts button')) {
  quick.addEventListener('click', () => {
    // The server's "now", so a browser clock that is off still starts the race when it says.
    byId('start-at').value = localInputValue(new Date(Date.now() + offset + Number(quick.dataset.minutes) * 60000));
    clearFieldErrors(byId('start-form'));
  });
}

byId('start-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = byId('start-form');
  const input = byId('start-at');
  clearFieldErrors(form);
  if (!input.value) { fieldError(input, 'Pick a date and time, or use one of the quick starts.'); return; }
  const at = new Date(input.value);
  if (at.getTime() < Date.now() + offset - 1000) { fieldError(input, 'That time has passed: pick a later one.'); return; }
  if (!(await confirmAction('Start the race?', `The race starts ${localTime(at.toISOString())}. From now on no entrant can be added or removed.`, 'Start race'))) return;
  try {
    await api(`/api/races/${id}/start`, { method: 'POST', quiet: true,
      body: { scheduled_start: at.toISOString(), version: details.version } });
    await load();
    notice(`Start set for ${localTime(at.toISOString())}: the countdown is running.`);
  } catch (error) {
    showFieldErrors(error, { scheduled_start: input });
    if (error.problem && error.problem.type && error.problem.type.endsWith('start-in-past')) {
      fieldError(input, 'That time has passed: pick a later one.');
    }
  }
});

async function loadAttempts() {
  if (!details || !details.attempt_count) { byId('attempts-section').hidden = true; return; }
  const attempts = await api(`/api/races/${id}/attempts`, { quiet: true }).catch(() => []);
  byId('attempts-section').hidden = attempts.length === 0;
  byId('attempts').replaceChildren(...attempts.map((a) => {
    const box = document.createElement('details');
    box.className = 'attempt';
    box.dataset.attempt = a.number;
    const summary = document.createElement('summary');
    const finished = a.results.filter((r) => r.place !== null).length;
    summary.textContent = `Attempt ${a.number} — ${statusLabel(a.status).toLowerCase()}, ${finished} of ${a.results.length} finished, reset ${localTime(a.reset_at)}`;
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th scope="col">Place</th><th scope="col">Player</th><th scope="col">Status</th><th scope="col">Layer</th><th scope="col">Time</th></tr></thead>';
    const body = document.createElement('tbody');
    for (const r of a.results) {
      const tr = document.createElement('tr');
      for (const value of [r.place ?? '', r.twitch_display_name || r.twitch_username || '—', PLAYER_STATUS[r.status] || r.status,
        totalLayers ? `${r.current_layer} of ${totalLayers}` : r.current_layer, raceClock(r.igt_ms)]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    scroll.append(table);
    box.append(summary, scroll);
    return box;
  }));
}

if (id) {
  if (param('created')) notice('Race created as a draft: only you see it until you open it.');
  watch();
  load();
} else {
  notice('This page shows one race: open it from the race list.', 'error');
}
