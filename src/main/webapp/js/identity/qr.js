// qr.html: opened from the plugin's QR code, /qr.html?id=<session>. A signed-in user approves it; the
// plugin then collects its tokens with the poll secret only it has.
import { api } from '/js/paddock.js';
import { badge, byId, param } from '/js/ui.js';
import { timeOfDay } from '/js/format.js';

const id = param('id');
const status = byId('status');
const approve = byId('approve');
const signIn = byId('sign-in');

function show(state) {
  status.textContent = state;
  status.className = badge(state, state === 'approved' || state === 'collected' ? true
    : state === 'expired' ? false : undefined).className;
  approve.disabled = state !== 'pending';
}

async function refresh() {
  const session = await api(`/api/auth/qr-status/${encodeURIComponent(id)}`);
  show(session.status);
  byId('expires').textContent = timeOfDay(session.expiresAt);
}

if (!id) {
  show('missing');
  approve.disabled = true;
} else {
  await refresh().catch(() => show('unknown'));
  try {
    const me = await api('/api/auth/me', { quiet: true });
    byId('who').textContent = me.displayName;
    approve.hidden = false;
  } catch {
    const back = encodeURIComponent(location.pathname + location.search);
    for (const link of signIn.querySelectorAll('a')) link.href += `?return_to=${back}`;
    signIn.hidden = false;
  }
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
