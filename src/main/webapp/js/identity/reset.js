// reset.html: asks for a reset link, or (with ?token=) sets the new password.
import { api, notice, showProblem } from '/js/paddock.js';
import { byId, onSubmit, param } from '/js/ui.js';

const token = param('token');
const requestForm = byId('request-form');
const confirmForm = byId('confirm-form');
requestForm.hidden = Boolean(token);
confirmForm.hidden = !token;

onSubmit(requestForm, async (data) => {
  await api('/api/auth/password-reset', { method: 'POST', body: { email: data.get('email') } });
  notice('If an account has this address, a reset link is on its way. It works once, for one hour.');
  requestForm.reset();
});

onSubmit(confirmForm, async (data) => {
  if (data.get('newPassword') !== data.get('repeat')) {
    showProblem({ problem: { title: 'Passwords differ', detail: 'Type the same new password twice.' } });
    return;
  }
  await api('/api/auth/password-reset/confirm', { method: 'POST',
    body: { token, newPassword: data.get('newPassword') } });
  confirmForm.hidden = true;
  byId('done').hidden = false;
});
