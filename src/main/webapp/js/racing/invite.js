// invite.html: a race invite, /invite.html?token=…, accepted by the invited Twitch user.
import { api } from '/js/paddock.js';
import { byId, param } from '/js/ui.js';

const token = param('token') || '';
const invite = await api('/api/invite/' + encodeURIComponent(token)).catch(() => null);
const text = byId('invite-text');
if (invite) {
  text.textContent = `${invite.organizer} invites ${invite.twitch_username} to “${invite.race_name}” (${invite.race_status}). `
    + `This invite is ${invite.state}.`;
  const accept = byId('accept');
  accept.hidden = invite.state !== 'pending';
  accept.addEventListener('click', async () => {
    const race = await api(`/api/invite/${encodeURIComponent(token)}/accept`, { method: 'POST' }).catch(() => null);
    if (race) location.href = '/race.html?id=' + encodeURIComponent(race.id);
  });
} else {
  text.textContent = 'This invite does not exist.';
}
