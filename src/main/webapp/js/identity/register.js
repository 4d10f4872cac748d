// register.html: creates an email account; Cloudflare Turnstile only when the server has a site key
// (the server then verifies the answer itself, and its Content-Security-Policy allows Cloudflare's script).
import { api } from '/js/paddock.js';
import { byId, onSubmit } from '/js/ui.js';

const form = byId('register-form');
let turnstileOn = false;

api('/api/auth/config', { quiet: true }).then((config) => {
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
  const body = {
    displayName: data.get('displayName'),
    email: data.get('email'),
    password: data.get('password'),
    acceptPolicy: data.get('acceptPolicy') === 'on',
  };
  if (turnstileOn) body.turnstileToken = data.get('cf-turnstile-response');
  let account;
  try {
    account = await api('/api/auth/register', { method: 'POST', body });
  } catch {
    if (turnstileOn && window.turnstile) window.turnstile.reset();
    return;
  }
  byId('sent-to').textContent = account.email;
  form.hidden = true;
  byId('registered').hidden = false;
});
