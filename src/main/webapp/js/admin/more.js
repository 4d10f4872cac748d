// The console's More: links to the other staff pages, the transfers blocklist and the billing plans (admin).
import { api } from '/js/paddock.js';
import { byId, cell, row } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { emptyRow } from '/js/admin/view.js';

let context;

export function init(ctx) {
  context = ctx;
}

export async function show() {
  if (!context.can('admin')) {
    for (const id of ['blocklist-table', 'plans-table']) byId(id).closest('.table-scroll').hidden = true;
    return;
  }
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
