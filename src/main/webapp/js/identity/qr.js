// qr.html: opened from the plugin's QR code, /qr.html?id=<session>. A signed-in user sees who asks (the
// requesting device, its network, when it asked, whether from this browser's address) and approves it; the
// plugin that opened it then collects its tokens with the poll secret only it has.
import { api, notice } from '/js/paddock.js';
import { badge, byId, param } from '/js/ui.js';
import { timeOfDay } from '/js/format.js';

const id = param('id');
const status = byId('status');
const approve = byId('approve');
const signIn = byId('sign-in');
let signedIn = false;

function show(state) {
  status.textContent = state;
  status.className = badge(state, state === 'approved' || state === 'collected' ? true
    : state === 'expired' ? false : undefined).className;
  approve.disabled = state !== 'pending';
}

/** "3 minutes ago (19:42:10)": the time it asked, and how long ago by this browser's clock. */
function asked(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  const ago = minutes === 0 ? 'just now' : minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  return `${ago} (${timeOfDay(iso)})`;
}

function showRequest(request) {
  byId('device').textContent = request.device;
  byId('address').textContent = request.address;
  byId('requested-at').textContent = asked(request.requestedAt);
  byId('same-address').hidden = !request.sameAddress;
  byId('foreign').hidden = request.sameAddress;
  byId('request').hidden = false;
}

async function refresh() {
  // Only a signed-in user learns who asks; anyone with the link sees the status.
  const session = await api(signedIn ? `/api/auth/qr-sessions/${encodeURIComponent(id)}`
    : `/api/auth/qr-status/${encodeURIComponent(id)}`);
  show(session.status);
  byId('expires').textContent = timeOfDay(session.expiresAt);
  byId('expiry').hidden = false;
  if (signedIn) showRequest(session);
}

if (!id) {
  show('missing');
  approve.disabled = true;
  notice('This link names no sign-in request. Open the link or QR code the SimHub plugin shows you.', 'error');
} else {
  try {
    const me = await api('/api/auth/me', { quiet: true });
    byId('who').textContent = me.displayName;
    signedIn = true;
  } catch {
    const back = encodeURIComponent(location.pathname + location.search);
    for (const link of signIn.querySelectorAll('a')) link.href += `?return_to=${back}`;
    signIn.hidden = false;
  }
  await refresh().catch(() => {
    show('unknown');
    notice('This sign-in request is unknown or has expired. Start the QR sign-in again in the plugin.', 'error');
  });
  approve.hidden = !signedIn;
}

approve.addEventListener('click', async () => {
  approve.disabled = true;
  try {
    await api(`/api/auth/qr-sessions/${encodeURIComponent(id)}/approve`, { method: 'POST' });
    show('approved');
    byId('done').hidden = false;
  } catch {
    await refresh().catch(() => {});
  }
});
