// /invite/{token}: a race invite, accepted by the invited Twitch user. Signed out, the page offers the
// sign-in buttons itself, each returning here, so the invitee can join right after signing in.
import { api, currentUser, here } from '/js/paddock.js';
import { byId, param } from '/js/ui.js';

const token = (location.pathname.match(/^\/invite\/([^/]+)/) || [])[1] || param('token') || '';
const invite = await api('/api/invite/' + encodeURIComponent(token)).catch(() => null);
const text = byId('invite-text');

/** Shows the sign-in buttons, each coming back to this invite. */
function offerSignIn(message) {
  const back = encodeURIComponent(here());
  byId('twitch-sign-in').href = '/api/auth/twitch?return_to=' + back;
  byId('discord-sign-in').href = '/auth/discord?return_to=' + back;
  byId('email-sign-in').href = '/signin?next=' + back;
  byId('sign-in-why').textContent = message;
  byId('sign-in').hidden = false;
}

if (invite) {
  text.textContent = `${invite.organizer} invites ${invite.twitch_username} to “${invite.race_name}” (${invite.race_status}). `
    + `This invite is ${invite.state}.`;
  const me = await currentUser;
  const pending = invite.state === 'pending';
  if (pending && !me) {
    offerSignIn(`Sign in with the Twitch account ${invite.twitch_username} to join.`);
    byId('twitch-sign-in').textContent = `Sign in with Twitch as ${invite.twitch_username}`;
  }
  const accept = byId('accept');
  accept.hidden = !pending || !me;
  accept.addEventListener('click', async () => {
    const race = await api(`/api/invite/${encodeURIComponent(token)}/accept`, { method: 'POST' }).catch((error) => {
      // Only the invited Twitch account may accept: offer to sign in with it and come back here.
      if (error.status === 401 || error.type === '/problems/invite-for-another-account') {
        offerSignIn(`This invite is for the Twitch account ${invite.twitch_username}. Sign in with it to join.`);
        byId('twitch-sign-in').textContent = `Sign in with Twitch as ${invite.twitch_username}`;
      }
      return null;
    });
    if (race) location.href = '/race/' + encodeURIComponent(race.id);
  });
} else {
  text.textContent = 'This invite does not exist.';
}
