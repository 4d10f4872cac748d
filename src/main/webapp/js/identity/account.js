// account.html: profile, linked sign-ins, API keys, sessions and password of the signed-in user.
import { api, notice } from '/js/paddock.js';
import { actionCell, badge, byId, cell, onSubmit, row } from '/js/ui.js';
import { when } from '/js/format.js';

const PROVIDERS = { discord: 'Discord', twitch: 'Twitch', email: 'Email' };
const text = (value) => cell(value, '—');

function renderProfile(me) {
  byId('name').textContent = me.displayName;
  byId('role').textContent = me.role;
  byId('member').textContent = me.memberState;
  const email = byId('email');
  email.textContent = me.email || 'none';
  if (me.email) {
    email.append(' ', badge(me.emailVerified ? 'confirmed' : 'unconfirmed', me.emailVerified));
  }
  byId('since').textContent = when(me.createdAt);
  byId('password-section').hidden = !me.email;

  byId('identities').replaceChildren(...me.identities.map((identity) => row(
    text(PROVIDERS[identity.provider] || identity.provider),
    text(identity.username || identity.displayName || identity.providerUserId), text(when(identity.linkedAt)))));
  const linked = new Set(me.identities.map((identity) => identity.provider));
  byId('link-discord').hidden = linked.has('discord');
  byId('link-twitch').hidden = linked.has('twitch');
}

async function loadKeys() {
  const keys = await api('/api/auth/api-keys');
  byId('keys').replaceChildren(...keys.map((key) => {
    const prefix = text(key.prefix);
    prefix.className = 'mono';
    const tr = row(text(key.name), prefix, text(when(key.created_at)), text(when(key.last_used_at, 'never')),
      text(when(key.expires_at, 'never')),
      actionCell('Revoke', async (button) => {
        if (!confirm(`Revoke the key "${key.name}"? Scripts using it stop working at once.`)) return;
        button.disabled = true;
        await api(`/api/auth/api-keys/${key.id}`, { method: 'DELETE' }).finally(() => { button.disabled = false; });
        notice(`The key "${key.name}" is revoked.`);
        await loadKeys();
      }));
    tr.dataset.keyId = key.id;
    return tr;
  }));
  byId('no-keys').hidden = keys.length > 0;
}

async function loadSessions() {
  const sessions = await api('/api/auth/sessions');
  byId('sessions').replaceChildren(...sessions.map((session) => {
    const device = text(session.userAgent || 'unknown device');
    if (session.current) device.append(' ', badge('this browser', true));
    return row(device, text(session.ipAddress), text(session.authMethod), text(when(session.lastSeenAt)),
      session.current ? text('') : actionCell('End', async (button) => {
        button.disabled = true;
        await api(`/api/auth/sessions/${session.id}`, { method: 'DELETE' })
          .finally(() => { button.disabled = false; });
        await loadSessions();
      }));
  }));
}

const me = await api('/api/auth/me', { quiet: true }).catch(() => null);
if (me) {
  byId('account').hidden = false;
  renderProfile(me);
  await Promise.all([loadKeys(), loadSessions()]).catch(() => {});
} else {
  byId('signed-out').hidden = false;
}

onSubmit(byId('key-form'), async (data) => {
  const body = { name: data.get('name') };
  if (data.get('expires')) body.expires_at = new Date(data.get('expires') + 'T23:59:59').toISOString();
  const created = await api('/api/auth/api-keys', { method: 'POST', body });
  byId('new-key').textContent = created.key;
  byId('new-key-box').hidden = false;
  byId('key-form').reset();
  await loadKeys();
});

byId('copy-key').addEventListener('click', async () => {
  await navigator.clipboard.writeText(byId('new-key').textContent).catch(() => {});
  notice('Key copied.', 'info');
});

onSubmit(byId('password-form'), async (data) => {
  await api('/api/auth/change-password', { method: 'POST',
    body: { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') } });
  byId('password-form').reset();
  notice('Your password is changed. Your other sessions were signed out.');
  await loadSessions();
});

byId('everywhere').addEventListener('click', async () => {
  if (!confirm('Sign out on every device, this one included?')) return;
  if (await api('/api/auth/logout-everywhere', { method: 'POST' }).then(() => true, () => false)) {
    location.assign('/signin.html');
  }
});

byId('signout').addEventListener('click', async () => {
  if (await api('/api/auth/logout', { method: 'POST' }).then(() => true, () => false)) {
    location.assign('/signin.html');
  }
});
