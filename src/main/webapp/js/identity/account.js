// account.html: profile, linked sign-ins, API keys, sessions and password of the signed-in user.
import { api, currentUser, notice } from '/js/paddock.js';
import { actionCell, badge, byId, cell, counters, item, onSubmit, row } from '/js/ui.js';
import { when } from '/js/format.js';

const PROVIDERS = { discord: 'Discord', twitch: 'Twitch', email: 'Email and password' };
const text = (value) => cell(value, '—');

/** What each part of the membership rule asks for, in words, when it is not met yet. */
const MISSING = {
  'discord-linked': 'Link a Discord account (below).',
  'active-installation': 'Register the SimHub plugin on your sim PC (see My results).',
  'verified-result': 'Race with the plugin running until one result is verified.',
};

/** A sign-in can go when another one is left: a provider, or a confirmed email address with a password. */
function canUnlink(me, identity) {
  return me.identities.some((other) => other !== identity && (other.provider !== 'email' || me.emailVerified));
}

async function unlink(identity) {
  const name = PROVIDERS[identity.provider] || identity.provider;
  const lost = identity.provider === 'email'
    ? 'Your email address and password will be removed from this account.'
    : `You will no longer sign in with this ${name} account.`;
  if (!confirm(`Unlink ${name}? ${lost}`)) return;
  await api(`/api/auth/identities/${encodeURIComponent(identity.provider)}`, { method: 'DELETE' });
  notice(`${name} is unlinked.`);
  renderProfile(await api('/api/auth/me'));
}

async function renderMembership(me) {
  byId('member-state').replaceChildren(badge(me.memberState, me.memberState === 'verified'));
  const membership = await api('/api/members/me/verification', { quiet: true }).catch(() => null);
  if (!membership) return;
  const missing = membership.checks.filter((check) => !check.met);
  const why = byId('member-why');
  if (membership.memberState === 'verified') {
    why.textContent = 'Your results count as a verified member\'s.';
  } else {
    why.textContent = missing.length ? 'Pending: a member is verified once all of this is done. Still missing:'
      : 'Pending: everything is in place; the next verified result completes it.';
    byId('member-missing').replaceChildren(...missing.map((check) => item(MISSING[check.name] || check.detail)));
    byId('member-missing').hidden = missing.length === 0;
  }
  why.hidden = false;
  const presence = byId('member-presence');
  if (membership.unverifiedPlugin) {
    presence.replaceChildren(badge('unverified', false), ` A plugin ${membership.unverifiedPlugin.pluginVersion} `
      + `was seen ${when(membership.unverifiedPlugin.lastSeenAt)} without an installation signature: it shows the `
      + 'plugin runs, but does not count toward verification.');
    presence.hidden = false;
  }
}

function renderProfile(me) {
  byId('name').textContent = me.displayName;
  byId('role').textContent = me.role;
  renderMembership(me);
  const email = byId('email');
  email.textContent = me.email || 'none';
  if (me.email) {
    email.append(' ', badge(me.emailVerified ? 'confirmed' : 'unconfirmed', me.emailVerified));
  }
  byId('since').textContent = when(me.createdAt);
  byId('password-section').hidden = !me.email;

  byId('identities').replaceChildren(...me.identities.map((identity) => {
    const name = PROVIDERS[identity.provider] || identity.provider;
    const action = canUnlink(me, identity) ? actionCell('Unlink', () => unlink(identity))
      : text('Your only way to sign in');
    if (action.querySelector('button')) action.querySelector('button').setAttribute('aria-label', `Unlink ${name}`);
    else action.className = 'muted';
    const account = text(identity.username || identity.displayName || identity.providerUserId);
    account.className = 'wrap';
    const since = document.createElement('div');
    since.className = 'muted';
    since.textContent = `linked ${when(identity.linkedAt)}`;
    account.append(since);
    const tr = row(text(name), account, action);
    tr.dataset.provider = identity.provider;
    return tr;
  }));
  const linked = new Set(me.identities.map((identity) => identity.provider));
  byId('link-discord').hidden = linked.has('discord');
  byId('link-twitch').hidden = linked.has('twitch');
  byId('email-form').hidden = Boolean(me.email) || !emailOn;
  byId('email-off').hidden = Boolean(me.email) || emailOn;
}

const emailOn = await api('/api/auth/config', { quiet: true }).then((config) => config.emailSignUp, () => true);

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
    const device = text(session.device || 'Unknown device');
    if (session.userAgent) device.title = session.userAgent;
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

const me = await currentUser;
if (me) {
  byId('account').hidden = false;
  renderProfile(me);
  await Promise.all([loadKeys(), loadSessions()]).catch(() => {});
} else {
  byId('signed-out').hidden = false;
}

const keyWithinLimits = counters(byId('key-form'));
const emailWithinLimits = counters(byId('email-form'));

onSubmit(byId('email-form'), async (data) => {
  if (!emailWithinLimits()) return;
  const added = await api('/api/auth/email', { method: 'POST',
    body: { email: data.get('email'), password: data.get('password') } });
  byId('email-form').reset();
  notice(`We mailed a confirmation link to ${added.email}. Follow it, then you can sign in with this address.`);
  renderProfile(await api('/api/auth/me'));
});

onSubmit(byId('key-form'), async (data) => {
  if (!keyWithinLimits()) return;
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
