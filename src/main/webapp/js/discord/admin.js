// discord.html (admins): the bot's gateway session, its guild and the latest rooms, from /api/admin/discord.
import { api, showProblem } from '/js/paddock.js';
import { badge, byId, cell, row } from '/js/ui.js';

function detail(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value ?? '—';
  list.append(dt, dd);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

try {
  const status = await api('/api/admin/discord');
  const bot = status.bot;
  const state = byId('bot-state');
  state.textContent = bot.state;
  state.className = badge(bot.state, bot.state === 'ready').className;
  byId('bot-reason').textContent = bot.reason || (bot.state === 'off' ? 'The Discord features are off.' : '');
  const details = byId('bot-details');
  detail(details, 'Mode', bot.mode);
  detail(details, 'Guild', bot.guildName ? `${bot.guildName} (${bot.guildId})` : bot.guildId);
  detail(details, 'Bot user', bot.botUser);
  detail(details, 'Since', when(bot.since));
  detail(details, 'Sessions started', bot.sessions);
  detail(details, 'Resumes', bot.resumes);
  detail(details, 'Race rooms', status.raceRooms ? `on (removed ${status.gracePeriod} after the finish)` : 'off');
  const link = (room) => {
    const a = document.createElement('a');
    a.href = room.joinUrl;
    a.textContent = room.channelId;
    a.rel = 'noopener';
    return a;
  };
  const race = (room) => {
    if (!room.raceId) return '';
    const a = document.createElement('a');
    a.href = `/race.html?id=${encodeURIComponent(room.raceId)}`;
    a.textContent = 'race';
    return a;
  };
  byId('rooms').tBodies[0].append(...status.rooms.map((room) => row(cell(room.name), cell(link(room)),
    cell(race(room)), cell(when(room.createdAt)), cell(when(room.endAfter)), cell(when(room.endedAt)),
    cell(room.members.map((m) => m.displayName || m.name).join(', ')))));
} catch (error) {
  byId('bot-state').textContent = 'unknown';
  showProblem(error);
}
