// The console's Users section: search, a user's details, and the actions on them (role change here;
// other modules' actions through registerAction('user', …)).
import { api, notice } from '/js/paddock.js';
import { byId, cell, row, button, onSubmit } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { justify, failed } from '/js/admin/justify.js';
import { ACTIONS } from '/js/admin/roles.js';
import { facts, emptyRow } from '/js/admin/view.js';

let context;

export function init(ctx) {
  context = ctx;
  onSubmit(byId('users-form'), (data) => list(data.get('q')));
}

export async function show(userId) {
  if (userId) await detail(userId).catch(failed);
  else await list('').catch(failed);
}

async function list(query) {
  const users = await api(`/api/admin/users?q=${encodeURIComponent(query || '')}&limit=50`);
  const body = byId('users-table').tBodies[0];
  body.replaceChildren(...users.map((user) => row(cell(user.displayName), cell(user.email, '—'), cell(user.role),
    cell(user.memberState), cell(dateTime(user.createdAt)),
    cell(button('Open', () => detail(user.id), 'small')))));
  if (!users.length) body.append(emptyRow(byId('users-table'), 'No user matches.'));
}

async function detail(id) {
  const user = await api(`/api/admin/users/${encodeURIComponent(id)}`);
  const panel = byId('user-detail');
  panel.hidden = false;
  panel.dataset.userId = user.id;
  byId('user-detail-name').textContent = user.displayName;
  facts(byId('user-facts'), [['Id', user.id],
    ['Email', user.email ? `${user.email}${user.emailVerified ? ' (confirmed)' : ' (not confirmed)'}` : '—'],
    ['Role', user.role, 'user-role'], ['Member', user.memberState], ['Joined', dateTime(user.createdAt)],
    ['Last active', dateTime(user.lastActiveAt)], ['Suspended', user.suspendedAt ? dateTime(user.suspendedAt) : 'no']]);
  const actions = byId('user-actions');
  actions.replaceChildren();
  const reload = () => detail(id);
  if (context.can('superadmin') && user.id !== context.me.id) {
    actions.append(button('Change role…', () => changeRole(user)));
  }
  if (context.can('admin')) actions.append(button('Member verification', () => context.open('members', user.id)));
  for (const action of ACTIONS.user) {
    if ((!action.minRole || context.can(action.minRole)) && (!action.when || action.when(user))) {
      actions.append(button(action.label, () => action.run(user, reload), action.danger ? 'danger' : ''));
    }
  }
  actions.append(button('Audit entries', () => context.open('audit', { targetType: 'user', targetId: user.id })));
  panel.scrollIntoView({ block: 'nearest' });
}

async function changeRole(user) {
  const roles = ['user', 'support', 'admin', 'superadmin'].filter((role) => role !== user.role);
  const changed = await justify({
    title: `Change ${user.displayName}'s role`,
    text: `Now ${user.role}. The change is recorded in the audit log with your reason and ticket.`,
    confirmLabel: 'Change role',
    fields: [{ name: 'role', label: 'New role', type: 'select', options: roles.map((role) => [role, role]) }],
    act: ({ role, reason, ticketId }) => api(`/api/admin/users/${encodeURIComponent(user.id)}/role`, {
      method: 'PUT', quiet: true, body: { role, version: user.version, reason, ticketId } }),
  });
  if (changed) {
    notice(`${changed.displayName} is now ${changed.role}.`);
    await detail(user.id);
  }
}
