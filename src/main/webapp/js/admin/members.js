// The console's Member verification: each check of the rule for one user, and setting the state by hand.
import { api, notice } from '/js/paddock.js';
import { byId, badge, button, onSubmit } from '/js/ui.js';
import { justify, failed } from '/js/admin/justify.js';
import { ACTIONS } from '/js/admin/roles.js';

let context;

export function init(ctx) {
  context = ctx;
  onSubmit(byId('members-form'), (data) => load(data.get('id').trim()));
}

export async function show(userId) {
  if (userId) {
    byId('members-id').value = userId;
    await load(userId).catch(failed);
  }
}

async function load(id) {
  const membership = await api(`/api/admin/members/${encodeURIComponent(id)}/verification`);
  const user = await api(`/api/admin/users/${encodeURIComponent(id)}`, { quiet: true }).catch(() => null);
  byId('member-detail').hidden = false;
  byId('member-name').textContent = user ? user.displayName : id;
  const state = byId('member-state');
  state.replaceWith(Object.assign(badge(membership.memberState, membership.memberState === 'verified'), { id: 'member-state' }));
  byId('member-checks').replaceChildren(...membership.checks.map((check) => {
    const li = document.createElement('li');
    li.append(badge(check.met ? 'met' : 'not met', check.met), ` ${check.name}: ${check.detail}`);
    return li;
  }));
  const actions = byId('member-actions');
  actions.replaceChildren();
  const target = membership.memberState === 'verified' ? 'pending' : 'verified';
  actions.append(button(target === 'verified' ? 'Set verified…' : 'Set back to pending…', () => setState(id, target)));
  for (const action of ACTIONS.member) {
    if (!action.minRole || context.can(action.minRole)) actions.append(button(action.label, () => action.run(membership, () => load(id))));
  }
}

async function setState(id, state) {
  const done = await justify({
    title: state === 'verified' ? 'Verify this member by hand' : 'Set this member back to pending',
    confirmLabel: 'Set',
    act: ({ reason, ticketId }) => api(`/api/admin/members/${encodeURIComponent(id)}/verification`, {
      method: 'PUT', quiet: true, body: { state, reason, ticketId } }),
  });
  if (done) {
    notice(`Member state set to ${state}.`);
    await load(id);
  }
}
