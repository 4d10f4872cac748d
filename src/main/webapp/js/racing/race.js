// race.html?id=…: the live leaderboard over /ws/race/<id>, and the organizer's manage panel.
import { api, connect, notice } from '/js/paddock.js';
import { button, byId, item, param } from '/js/ui.js';
import { raceClock } from '/js/format.js';
// The Discord voice room panel mounts itself (docs/api/discord.md, "Race rooms").
import '/js/discord/voice-panel.js';

const id = param('id');
let version = 0;
let race = null;
let board = [];
let details = null;
// Zone history per participant: race_state sends it whole, player updates only what changed in it.
let histories = new Map();

function keepHistories(participants) {
  histories = new Map(participants.map((p) => [p.id, p.zone_history || []]));
}

function extendHistory(p) {
  if (!Array.isArray(p.zone_history_added)) return;
  const history = (histories.get(p.id) || []).slice(0, p.zone_history_from);
  histories.set(p.id, history.concat(p.zone_history_added));
}

// Player updates (one player_updates frame per tick) replace a row in place; the order, the
// statuses and the leader's splits come with the full leaderboard_update, sent when they change.
function updatePlayers(players) {
  players.forEach(extendHistory);
  const byParticipant = new Map(players.map((p) => [p.id, p]));
  renderBoard(board.map((p) => byParticipant.get(p.id) || p));
}

function renderBoard(participants) {
  board = participants;
  document.querySelector('#leaderboard tbody').replaceChildren(...participants.map((p, i) => {
    const tr = document.createElement('tr');
    tr.dataset.participant = p.id;
    tr.title = (histories.get(p.id) || []).map((z) => z.node_id).join(' → ');
    for (const value of [i + 1,
      (p.twitch_display_name || p.twitch_username || 'Finished (name hidden)') + (p.mod_connected ? ' ●' : ''),
      p.status, p.current_layer, p.current_zone || '—', raceClock(p.igt_ms), p.gap_ms ? '+' + raceClock(p.gap_ms) : '—',
      p.death_count]) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(td);
    }
    return tr;
  }));
}

function renderStatus(info) {
  race = { ...race, ...info };
  byId('race-name').textContent = race.name || 'Race';
  byId('race-status').textContent = race.status;
}

setInterval(() => {
  if (race && race.status === 'countdown' && race.scheduled_start) {
    const left = Math.max(0, Math.round((new Date(race.scheduled_start) - Date.now()) / 1000));
    byId('countdown').textContent = `starts in ${left} s`;
  } else {
    byId('countdown').textContent = '';
  }
}, 500);

if (id) connect('/ws/race/' + encodeURIComponent(id), {
  onStatus: (status) => { byId('socket-status').textContent = status; },
  onMessage: (m) => {
    if (m.type === 'race_state') {
      renderStatus(m.race);
      version = m.version;
      keepHistories(m.participants);
      renderBoard(m.participants);
      byId('spectators').textContent = m.spectator_count;
    } else if (m.type === 'player_updates') {
      if (m.version <= version) return; // already in race_state
      version = m.version;
      updatePlayers(m.players);
    } else if (m.type === 'player_update') {
      updatePlayers([m.player]);
    } else if (m.type === 'leaderboard_update') {
      if (m.version <= version) return; // stale
      version = m.version;
      renderBoard(m.participants);
    } else if (m.type === 'race_status_change') {
      renderStatus({ status: m.status, started_at: m.started_at, scheduled_start: m.scheduled_start });
      if (details) load();
    } else if (m.type === 'spectator_count') {
      byId('spectators').textContent = m.count;
    }
  },
});

/** Loads the race's details and fills the manage panel; a refusal is already shown by api(). */
async function load() {
  const loaded = await api('/api/races/' + encodeURIComponent(id)).catch(() => null);
  if (!loaded) return;
  details = loaded;
  renderStatus(details);
  if (details.my_participant_id && details.packs_released) {
    const mine = await api(`/api/races/${id}/my-pack`, { quiet: true }).catch(() => null);
    if (mine) {
      byId('download-link').href = new URL(mine.url).pathname;
      byId('download').hidden = false;
    }
  }
  byId('manage').hidden = !details.is_organizer;
  if (details.is_organizer) {
    byId('manage-participants').replaceChildren(...details.participants.map((p) => {
      const entry = item(p.twitch_username + ' ');
      // A token shown on stream: a new one ends the old token, its pack link and its mod connection.
      entry.append(button('Remove', () => act(`/participants/${p.id}`, 'DELETE')), ' ',
        button('New mod token', async () => {
          const d = await act(`/participants/${p.id}/regenerate-token`);
          if (d) byId('downloads').append(item(`${d.twitch_username} (new token): ${d.url}`));
        }));
      return entry;
    }));
    byId('invites').replaceChildren(...(details.invites || [])
      .map((i) => item(`Invite for ${i.twitch_username} (${i.state}): ${i.url}`)));
  }
}

async function act(path, method = 'POST', body) {
  const result = await api(`/api/races/${id}${path}`, { method, body }).catch(() => null);
  await load();
  return result;
}

byId('add-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await act('/participants', 'POST', { twitch_username: byId('twitch').value });
  byId('twitch').value = '';
});
byId('open-race').addEventListener('click', () => act('/open'));
byId('reroll').addEventListener('click', () => act('/reroll'));
byId('reset').addEventListener('click', () => act('/reset'));
byId('generate').addEventListener('click', async () => {
  const result = await act('/generate-zips');
  if (result) byId('downloads').replaceChildren(...result.downloads.map((d) => item(`${d.twitch_username}: ${d.url}`)));
});
byId('start-form').addEventListener('submit', (e) => {
  e.preventDefault();
  act('/start', 'POST', { scheduled_start: new Date(byId('start-at').value).toISOString() });
});

if (id) {
  load();
} else {
  notice('This page shows one race: open it from the race list.', 'error');
}
