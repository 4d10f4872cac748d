// The race page's voice room panel: the race's Discord voice room, a join link and who is in it, kept
// live over /api/ws (topic race:<id>). Signed-out visitors get the room as it was when the page loaded,
// refreshed every 20 s. Mounts itself into the race page's panels when the page announces its race.
import { api, connect } from '/js/paddock.js';

const STATES = {
  off: 'Discord voice rooms are off on this server.',
  connecting: 'The Discord bot is connecting…',
  resuming: 'The Discord bot is reconnecting…',
  failed: 'The Discord bot is not connected.',
};

function element(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function mountVoicePanel(main, raceId) {
  const section = element('section', { id: 'voice-room', 'aria-labelledby': 'voice-room-title' });
  const title = element('h2', { id: 'voice-room-title' }, 'Voice room');
  const state = element('p', { id: 'voice-room-state' }, 'Loading…');
  const join = element('a', { id: 'voice-room-join', class: 'button', target: '_blank', rel: 'noopener' }, 'Join in Discord');
  join.hidden = true;
  const members = element('ul', { id: 'voice-room-members', class: 'plain-list' });
  section.append(title, state, join, members);
  main.append(section);

  let room = null;

  function renderMember(m) {
    const li = element('li', { 'data-user-id': m.userId }, m.displayName || m.name || m.userId);
    if (m.paddockUserId) li.dataset.paddockUserId = m.paddockUserId;
    return li;
  }

  function render(answer) {
    room = answer.room;
    if (!room) {
      state.textContent = STATES[answer.state]
        || (answer.raceRooms ? 'No voice room yet: one opens when the race enters countdown.'
          : 'This server opens no voice rooms for races.');
      join.hidden = true;
      members.replaceChildren();
      return;
    }
    state.textContent = room.name;
    join.href = room.joinUrl;
    join.hidden = false;
    members.replaceChildren(...room.members.map(renderMember));
  }

  // Events that arrive while a snapshot is being read are applied again once it is shown: the snapshot
  // may have been taken before them (joins and leaves are idempotent, so applying one twice is harmless).
  let loading = 0;
  let missed = [];

  async function load() {
    loading += 1;
    try {
      render(await api(`/api/discord/races/${encodeURIComponent(raceId)}/room`, { quiet: true }));
    } catch {
      state.textContent = 'The voice room could not be loaded.';
    } finally {
      loading -= 1;
      if (loading === 0) {
        const replay = missed;
        missed = [];
        replay.forEach(applyVoice);
      }
    }
  }

  function onEvent(message) {
    if (message.type !== 'event') return;
    if (message.event === 'room.created' || message.event === 'room.deleted') {
      load();
      return;
    }
    if (loading > 0) missed.push(message);
    applyVoice(message);
  }

  function applyVoice(message) {
    const p = message.payload || {};
    if (room && p.channelId === room.channelId && message.event === 'voice.joined') {
      members.querySelector(`li[data-user-id="${CSS.escape(p.userId)}"]`)?.remove();
      members.append(renderMember(p));
    } else if (room && message.event === 'voice.left') {
      members.querySelector(`li[data-user-id="${CSS.escape(p.userId)}"]`)?.remove();
    }
  }

  return (async () => {
    await load();
    const me = await api('/api/auth/me', { quiet: true }).catch(() => null);
    if (!me) {
      setInterval(load, 20000);
      return;
    }
    // Same-origin upgrade: the session cookie signs the socket in; subscribe once it says so. After a
    // reconnect (backoff in connect()) the room is read again, so nothing missed meanwhile stays missing.
    let send = () => false;
    connect('/api/ws', {
      onOpen: (sender) => { send = sender; load(); },
      onMessage: (message) => {
        if (message.type === 'ack' && message.event === 'authenticated') {
          send({ type: 'subscribe', topic: `race:${raceId}` });
        } else if (message.type === 'ack' && message.event === 'subscribed') {
          section.dataset.live = 'true';
        } else {
          onEvent(message);
        }
      },
      onStatus: (status) => { if (status !== 'open') delete section.dataset.live; },
    });
  })();
}

// The race page announces its race once it has loaded it ('paddock:race', with the panels' container).
document.addEventListener('paddock:race', (event) => {
  const { id, panels } = event.detail;
  if (id && panels && !document.getElementById('voice-room')) {
    mountVoicePanel(panels, id);
  }
});
