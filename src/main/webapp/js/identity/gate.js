// gate.html: where a browser sign-in ends when it has no page to return to, a link ends, or a sign-in fails:
// ?success=1[&linked=1]&provider=…[&next=/page] or ?error=<slug>[&retry_after=<seconds>][&next=/page]. The
// query carries codes only; this page says what they mean, so a crafted link cannot put its own words on
// Paddock's page (an unknown code gets a generic line). It says "signed in" only when the session says so,
// offers Continue only with a same-site address, and its sign-in buttons return to that address.
import { api, currentUser } from '/js/paddock.js';
import { byId, param, sameSitePath } from '/js/ui.js';

const PROVIDERS = { discord: 'Discord', twitch: 'Twitch' };

const ERRORS = {
  'invalid-state': 'This sign-in link is not valid. Start the sign-in again.',
  'state-mismatch': 'This sign-in was not started in this browser, or another one was started since. Start it again here.',
  'state-expired': 'The sign-in took longer than 10 minutes. Start it again.',
  'state-used': 'This sign-in was already completed. Start a new one if you need to.',
  'access-denied': 'The sign-in was cancelled or refused at the provider.',
  'missing-code': 'The provider sent no authorization code. Start the sign-in again.',
  'authorization-code-rejected': 'The provider did not accept the sign-in. Start it again.',
  'provider-unavailable': 'The provider could not be reached. Try again in a moment.',
  'identity-linked-elsewhere': 'That provider account already belongs to another Paddock account.',
  'provider-already-linked': 'Your account already has an account of that provider linked.',
  'unauthenticated': 'Sign in first to link another provider to your account.',
  'rate-limited': 'Too many sign-in attempts from your address. Wait a little before trying again.',
  'sign-in-failed': 'Signing in failed unexpectedly. Try again.',
};
const UNKNOWN_ERROR = 'Start the sign-in again.';

/** Seconds to wait after a rate-limited start, only as a whole number; otherwise null. */
function retryAfterSeconds() {
  const retryAfter = param('retry_after');
  return /^[1-9][0-9]{0,5}$/.test(retryAfter ?? '') ? Number(retryAfter) : null;
}

/** What an error code means here. */
function errorText(code) {
  if (code === 'rate-limited' && retryAfterSeconds() !== null) {
    return 'Too many sign-in attempts from your address.';
  }
  return Object.hasOwn(ERRORS, code) ? ERRORS[code] : UNKNOWN_ERROR;
}

/** "Try again in N seconds.", counting down to "You can try again now." */
function countdown(seconds) {
  const wait = document.createElement('span');
  wait.id = 'retry-after';
  const until = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    wait.textContent = left > 0 ? ` Try again in ${left} seconds.` : ' You can try again now.';
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
  return wait;
}

function successText(linked, provider) {
  if (linked) return provider ? `${provider} is now linked to your account.` : 'The account is now linked.';
  return provider ? `Signed in with ${provider}.` : 'Signed in.';
}

const outcome = byId('outcome');
const provider = Object.hasOwn(PROVIDERS, param('provider') ?? '') ? PROVIDERS[param('provider')] : null;
const next = sameSitePath(param('next'));
const me = await currentUser;

if (param('error')) {
  const code = param('error');
  outcome.className = 'alert alert-error';
  outcome.dataset.error = Object.hasOwn(ERRORS, code) ? code : 'unknown';
  const title = document.createElement('strong');
  title.textContent = 'Sign-in did not complete.';
  outcome.append(title, ' ', errorText(code));
  if (code === 'rate-limited' && retryAfterSeconds() !== null) outcome.append(countdown(retryAfterSeconds()));
  outcome.hidden = false;
} else if (param('success') && me) { // signed out, a "success" link is only a link: it says nothing
  outcome.className = 'alert alert-ok';
  outcome.dataset.success = '1';
  outcome.textContent = successText(param('linked') === '1', provider);
  outcome.hidden = false;
}

const who = byId('who');
const providers = byId('providers');
if (me) {
  who.textContent = `Signed in as ${me.displayName}.`;
  if (next) { // Continue only where there is somewhere to go
    const link = byId('next');
    link.href = next;
    link.hidden = false;
  }
  const linked = new Set(me.identities.map((identity) => identity.provider));
  for (const link of providers.querySelectorAll('a[data-provider]')) {
    if (linked.has(link.dataset.provider)) {
      link.remove();
    } else {
      link.href = `${link.getAttribute('href')}?link=1&return_to=${encodeURIComponent(next || '/account.html')}`;
      link.textContent = link.textContent.replace('Sign in with', 'Link');
    }
  }
  byId('email-sign-in').remove();
  byId('plugin').hidden = false;
} else {
  who.textContent = 'You are not signed in.';
  if (next) {
    for (const link of providers.querySelectorAll('a[data-provider]')) {
      link.href = `${link.getAttribute('href')}?return_to=${encodeURIComponent(next)}`;
    }
    byId('email-sign-in').href = `/signin.html?next=${encodeURIComponent(next)}`;
  }
}
if (!providers.querySelector('a')) providers.remove();

api('/api/plugin/download', { quiet: true }).then((download) => {
  if (!download || !download.url) return;
  const link = byId('plugin-download');
  link.href = download.url;
  link.textContent = download.version ? `Download the SimHub plugin ${download.version}` : 'Download the SimHub plugin';
  byId('plugin').hidden = false;
  byId('plugin-download-line').hidden = false;
}).catch(() => {});
