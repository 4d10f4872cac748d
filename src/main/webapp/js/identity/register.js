// register.html: creates an email account; Cloudflare Turnstile only when the server has a site key
// (the server then verifies the answer itself, and its Content-Security-Policy allows Cloudflare's script).
import { api } from '/js/paddock.js';
import { byId, counters, onSubmit, param, sameSitePath } from '/js/ui.js';

const form = byId('register-form');
const withinLimits = counters(form);
const next = sameSitePath(param('next'));
let turnstileOn = false;
if (next) { // the confirmation link and the sign-in after it come back to the page that asked
  for (const id of ['sign-in-link', 'registered-sign-in', 'no-mail-sign-in']) {
    byId(id).href = `/signin.html?next=${encodeURIComponent(next)}`;
  }
}

api('/api/auth/config', { quiet: true }).then((config) => {
  if (!config.emailSignUp) {
    byId('no-mail').hidden = false;
    form.hidden = true;
    return;
  }
  if (!config.turnstileSiteKey) return;
  turnstileOn = true;
  const widget = byId('turnstile');
  widget.className = 'cf-turnstile';
  widget.dataset.sitekey = config.turnstileSiteKey;
  widget.hidden = false;
  const script = document.createElement('script');
  script.src = 'https://challenges.cloudflare.com/turnstile/v0/api.js';
  script.async = true;
  document.head.append(script);
}).catch(() => {});

onSubmit(form, async (data) => {
  if (!withinLimits()) return;
  const body = {
    displayName: data.get('displayName'),
    email: data.get('email'),
    password: data.get('password'),
    acceptPolicy: data.get('acceptPolicy') === 'on',
  };
  if (next) body.next = next;
  if (turnstileOn) body.turnstileToken = data.get('cf-turnstile-response');
  let account;
  try {
    account = await api('/api/auth/register', { method: 'POST', body });
  } catch (error) {
    if (turnstileOn && window.turnstile) window.turnstile.reset();
    throw error; // onSubmit puts its field errors next to the fields
  }
  byId('sent-to').textContent = account.email;
  form.hidden = true;
  byId('registered').hidden = false;
});
