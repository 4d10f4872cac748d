// The console's More: links to the other staff pages, the transfer worker nodes (cordon, drain, uncordon)
// and dead-lettered jobs (replay) for staff (acting: admins), the transfers provider (switched with a
// reason and a ticket, with its history), the transfers blocklist and the billing plans (admin).
import { api, notice } from '/js/paddock.js';
import { byId, cell, row, button } from '/js/ui.js';
import { bytes, dateTime } from '/js/format.js';
import { emptyRow } from '/js/admin/view.js';
import { justify, failed } from '/js/admin/justify.js';

let context;

export function init(ctx) {
  context = ctx;
}

export async function show() {
  await nodes().catch(failed);
  await deadLetters().catch(failed);
  if (!context.can('admin')) {
    for (const id of ['provider-table', 'blocklist-table', 'plans-table']) byId(id).closest('.table-scroll').hidden = true;
    byId('provider-state').hidden = true;
    return;
  }
  await provider().catch(failed);
  const blocked = await api('/api/admin/transfers/blocklist', { quiet: true }).catch(() => []);
  const blockBody = byId('blocklist-table').tBodies[0];
  blockBody.replaceChildren(...blocked.map((b) => row(cell(b.infoHash), cell(b.reason), cell(dateTime(b.createdAt)))));
  if (!blocked.length) blockBody.append(emptyRow(byId('blocklist-table'), 'Nothing is blocked.'));
  // Each item is {plan, stripePriceId, updatedAt}.
  const plans = (await api('/api/admin/billing/plans', { quiet: true }).catch(() => [])).map((details) => details.plan);
  const planBody = byId('plans-table').tBodies[0];
  planBody.replaceChildren(...plans.map((p) => row(cell(p.id), cell(p.name),
    cell(p.priceCents == null ? 'free' : `${(p.priceCents / 100).toFixed(2)} ${p.currency || ''}`), cell(p.forSale ? 'yes' : 'no'))));
  if (!plans.length) planBody.append(emptyRow(byId('plans-table'), 'No plans (or billing is off).'));
}

async function provider() {
  const active = await api('/api/admin/transfers/provider', { quiet: true });
  const other = active.providers.find((p) => p.name !== active.provider);
  const state = byId('provider-state');
  state.replaceChildren(`New jobs go to ${active.provider} (version ${active.version}). `);
  if (other) {
    const switchButton = button(`Switch to ${other.name}…`, () => switchTo(active, other.name), 'small');
    switchButton.disabled = !other.configured;
    if (!other.configured) switchButton.title = `${other.name} is not configured on this node`;
    state.append(switchButton);
  }
  const history = await api('/api/admin/transfers/provider/history?limit=10', { quiet: true });
  const body = byId('provider-table').tBodies[0];
  body.replaceChildren(...history.changes.map((c) => row(cell(c.version), cell(dateTime(c.at)),
    cell(`${c.oldProvider} → ${c.newProvider}`), cell(c.actorName), cell(`${c.reason} (${c.ticketId})`), cell(c.inFlight))));
  if (!history.changes.length) body.append(emptyRow(byId('provider-table'), 'Never switched.'));
}

async function switchTo(active, name) {
  const done = await justify({
    title: `Switch transfers to ${name}`,
    text: 'New jobs go there; running jobs finish on the provider they started on.',
    confirmLabel: `Switch to ${name}`,
    act: ({ reason, ticketId }) => api('/api/admin/transfers/provider', {
      method: 'PUT', quiet: true, body: { provider: name, version: active.version, reason, ticketId } }),
  });
  if (done) {
    notice(`New transfer jobs go to ${name}.`);
    await provider().catch(failed);
  }
}

const NODE_ACTIONS = {
  cordon: ['Cordon', 'It claims no new jobs and keeps those it has.'],
  drain: ['Drain', 'It claims no new jobs, finishes those it has, then stops taking work.'],
  uncordon: ['Uncordon', 'It claims jobs again.'],
};

async function nodes() {
  const list = await api('/api/admin/transfers/nodes', { quiet: true });
  const body = byId('nodes-table').tBodies[0];
  body.replaceChildren(...list.map((n) => {
    const actions = document.createElement('td');
    if (context.can('admin') && n.status !== 'dead') {
      const wanted = n.status === 'active' ? ['cordon', 'drain'] : ['uncordon'];
      actions.append(...wanted.map((action) => button(`${NODE_ACTIONS[action][0]}…`, () => nodeAction(n.id, action), 'small')));
    }
    return row(cell(n.id), cell(n.status), cell(`${n.activeJobs} of ${n.maxJobs}`), cell(bytes(n.diskFreeBytes)),
      cell(n.version), cell(dateTime(n.heartbeatAt)), actions);
  }));
  if (!list.length) body.append(emptyRow(byId('nodes-table'), 'No node runs the transfers engine.'));
}

async function nodeAction(id, action) {
  const [label, text] = NODE_ACTIONS[action];
  const done = await justify({
    title: `${label} node ${id}`,
    text,
    confirmLabel: label,
    act: ({ reason, ticketId }) => api(`/api/admin/transfers/nodes/${encodeURIComponent(id)}/${action}`, {
      method: 'POST', quiet: true, body: { reason, ticketId } }),
  });
  if (done) {
    notice(`Node ${id}: ${action} done.`);
    await nodes().catch(failed);
  }
}

async function deadLetters() {
  const page = await api('/api/admin/dlq?size=50', { quiet: true });
  const body = byId('dlq-table').tBodies[0];
  body.replaceChildren(...page.items.map((d) => {
    const actions = document.createElement('td');
    if (context.can('admin')) actions.append(button('Replay…', () => replay(d), 'small'));
    return row(cell(d.name || d.infoHash), cell(d.attempts), cell(d.lastError), cell(dateTime(d.deadAt)), actions);
  }));
  if (!page.items.length) body.append(emptyRow(byId('dlq-table'), 'No job is dead-lettered.'));
}

async function replay(letter) {
  const done = await justify({
    title: `Replay ${letter.name || letter.infoHash}`,
    text: 'The job goes back to the queue with fresh attempts.',
    confirmLabel: 'Replay',
    act: ({ reason, ticketId }) => api(`/api/admin/dlq/${encodeURIComponent(letter.jobId)}/replay`, {
      method: 'POST', quiet: true, body: { reason, ticketId } }),
  });
  if (done) {
    notice('The job is back in the queue.');
    await deadLetters().catch(failed);
  }
}
