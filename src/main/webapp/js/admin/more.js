// The console's More: links to the other staff pages, the transfers provider (switched with a reason and a
// ticket, with its history), the transfers blocklist and the billing plans (admin).
import { api, notice } from '/js/paddock.js';
import { byId, cell, row, button } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { emptyRow } from '/js/admin/view.js';
import { justify, failed } from '/js/admin/justify.js';

let context;

export function init(ctx) {
  context = ctx;
}

export async function show() {
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
