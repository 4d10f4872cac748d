// gate.html: where every browser sign-in ends: ?success=1&message=… or ?error=<slug>&message=…
import { api } from '/js/paddock.js';
import { byId, param, sameSitePath } from '/js/ui.js';

const outcome = byId('outcome');
if (param('error')) {
  outcome.className = 'alert alert-error';
  outcome.dataset.error = param('error');
  const title = document.createElement('strong');
  title.textContent = 'Sign-in did not complete.';
  outcome.append(title, ' ', param('message') || param('error'));
  outcome.hidden = false;
} else if (param('success')) {
  outcome.className = 'alert';
  outcome.dataset.success = '1';
  outcome.textContent = param('message') || 'Signed in.';
  outcome.hidden = false;
}
// A rate-limited start (?retry_after=<seconds>, the server's Retry-After) says when to try again.
const retryAfter = Number.parseInt(param('retry_after') || '', 10);
if (param('error') && retryAfter > 0) {
  const wait = document.createElement('span');
  wait.id = 'retry-after';
  const until = Date.now() + retryAfter * 1000;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    wait.textContent = left > 0 ? ` Try again in ${left} s.` : ' You can try again now.';
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
  outcome.append(wait);
}
const next = sameSitePath(param('next'));
if (next) {
  const link = byId('next');
  link.href = next;
  link.hidden = false;
}

const who = byId('who');
try {
  const me = await api('/api/auth/me', { quiet: true });
  who.textContent = `Signed in as ${me.displayName}.`;
  const linked = new Set(me.identities.map((identity) => identity.provider));
  for (const link of byId('providers').querySelectorAll('a[data-provider]')) {
    if (linked.has(link.dataset.provider)) {
      link.remove();
    } else {
      link.href += (link.href.includes('?') ? '&' : '?') + 'link=1';
      link.textContent = link.textContent.replace('Sign in with', 'Link');
    }
  }
  byId('plugin').hidden = false;
} catch {
  who.textContent = 'You are not signed in.';
}
