// token.html: manual plugin sign-in (a fallback, off unless paddock.auth.manual-tokens.enabled=true):
// a one-time token, valid 10 minutes, pasted into the plugin.
import { api } from '/js/paddock.js';
import { byId } from '/js/ui.js';
import { timeOfDay } from '/js/format.js';

const generate = byId('generate');
const config = await api('/api/auth/config', { quiet: true }).catch(() => ({}));
let signedIn = true;
await api('/api/auth/me', { quiet: true }).catch(() => { signedIn = false; });
if (!config.manualTokensEnabled) {
  byId('disabled').hidden = false;
} else if (!signedIn) {
  byId('signed-out').hidden = false;
} else {
  generate.hidden = false;
}

generate.addEventListener('click', async () => {
  const issued = await api('/api/auth/token-generate', { method: 'POST' }).catch(() => null);
  if (!issued) return;
  byId('token').value = issued.token;
  byId('expires').textContent = timeOfDay(issued.expires_at);
  byId('output').hidden = false;
  generate.textContent = 'Generate another (replaces this one)';
});
byId('copy').addEventListener('click', async () => {
  const field = byId('token');
  field.select();
  await navigator.clipboard?.writeText(field.value).catch(() => {});
});
