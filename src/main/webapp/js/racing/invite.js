// /invite/{token}: a race invite, accepted by the invited Twitch user.
import { api } from '/js/paddock.js';
import { byId, param } from '/js/ui.js';

const token = (location.pathname.match(/^\/invite\/([^/]+)/) || [])[1] || param('token') || '';
const invite = await api('/api/invite/' + encodeURIComponent(token)).catch(() => null);
const text = byId('invite-text');
if (invite) {
  text.textContent = `${invite.organizer} invites ${invite.twitch_username} to “${invite.race_name}” (${invite.race_status}). `
    + `This invite is ${invite.state}.`;
  const accept = byId('accept');
  accept.hidden = invite.state !== 'pending';
  accept.addEventListener('click', async () => {
    const race = await api(`/api/invite/${encodeURIComponent(token)}/accept`, { method: 'POST' }).catch((error) => {
      // Only the invited Twitch account may accept: offer to sign in with it and come back here.
      if (error.status === 401 || error.type === '/problems/invite-for-another-account') {
        const signIn = byId('twitch-sign-in');
        signIn.href = '/api/auth/twitch?return_to=' + encodeURIComponent(location.pathname + location.search);
        signIn.textContent = `Sign in with Twitch as ${invite.twitch_username}`;
        signIn.hidden = false;
      }
      return null;
    });
    if (race) location.href = '/race/' + encodeURIComponent(race.id);
  });
} else {
  text.textContent = 'This invite does not exist.';
}
