// verify.html: confirms the address from the mailed link, or offers a new link.
import { api, notice } from '/js/paddock.js';
import { byId, onSubmit, param, sameSitePath } from '/js/ui.js';

const status = byId('status');
const again = byId('again');
const token = param('token');

if (!token) {
  status.textContent = 'Open the link from the confirmation mail: it carries the token this page needs.';
  again.hidden = false;
} else {
  try {
    const result = await api('/api/auth/verify-email', { method: 'POST', body: { token } });
    const email = document.createElement('strong');
    email.textContent = result.email;
    const link = document.createElement('a');
    const next = sameSitePath(param('next')); // the page that asked before the account was made
    link.href = next ? `/signin.html?next=${encodeURIComponent(next)}` : '/signin.html';
    link.textContent = 'Sign in';
    status.replaceChildren('Your address ', email, ' is confirmed. ', link, '.');
    status.classList.add('done');
  } catch {
    status.textContent = 'This link did not work. Ask for a new one below.';
    again.hidden = false;
  }
}

onSubmit(byId('resend-form'), async (data) => {
  await api('/api/auth/resend-verification', { method: 'POST', body: { email: data.get('email') } });
  notice('If this address has an unconfirmed account, a new confirmation link is on its way.');
});
