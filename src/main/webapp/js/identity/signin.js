// signin.html: email and password sign-in; provider sign-in is a plain link.
import { api, notice } from '/js/paddock.js';
import { byId, onSubmit, param, sameSitePath } from '/js/ui.js';

const resend = byId('resend');
const next = sameSitePath(param('next'));
if (next) { // every way in comes back to the page that asked
  for (const link of document.querySelectorAll('.provider-buttons a')) {
    link.setAttribute('href', `${link.getAttribute('href')}?return_to=${encodeURIComponent(next)}`);
  }
  byId('register-link').setAttribute('href', `/register.html?next=${encodeURIComponent(next)}`);
}

onSubmit(byId('signin-form'), async (data) => {
  resend.hidden = true;
  try {
    await api('/api/auth/login', { method: 'POST',
      body: { email: data.get('email'), password: data.get('password') } });
  } catch (error) {
    if (error.type === '/problems/email-not-verified') resend.hidden = false;
    return;
  }
  location.assign(next || '/account.html');
});

byId('resend-button').addEventListener('click', async () => {
  await api('/api/auth/resend-verification', { method: 'POST', body: { email: byId('email').value } })
    .then(() => notice('If this address has an unconfirmed account, a new confirmation link is on its way.'))
    .catch(() => {});
});
