// The console's Audit log: newest first, filtered by action, actor or target, paged with "Older".
import { api } from '/js/paddock.js';
import { byId, cell, row, onSubmit } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { failed } from '/js/admin/justify.js';
import { emptyRow } from '/js/admin/view.js';

let filter = {};
let before = null;

export function init() {
  const form = byId('audit-form');
  onSubmit(form, (data) => {
    filter = Object.fromEntries([...data].filter(([, value]) => String(value).trim()));
    return load(null);
  });
  byId('audit-newest').addEventListener('click', () => load(null).catch(failed));
  byId('audit-older').addEventListener('click', () => load(before).catch(failed));
}

/** `preset` fills the filters ({targetType, targetId}) or, from a search hit, shows the trail around an entry. */
export async function show(preset) {
  if (preset && !preset.id) {
    filter = { ...preset };
    for (const [name, value] of Object.entries(filter)) {
      const input = byId('audit-form').elements.namedItem(name);
      if (input) input.value = value;
    }
  }
  await load(preset && preset.id ? Number(preset.id) + 1 : null).catch(failed);
}

async function load(from) {
  const query = new URLSearchParams({ ...filter, limit: '25' });
  if (from) query.set('before', from);
  const page = await api(`/api/admin/audit?${query}`);
  before = page.nextBefore || null;
  byId('audit-older').disabled = !before;
  const body = byId('audit-table').tBodies[0];
  body.replaceChildren(...page.entries.map((entry) => {
    const tr = row(cell(dateTime(entry.at)), cell(entry.actorName || 'Paddock'), cell(entry.action),
      cell(`${entry.targetType} ${entry.targetId}`), cell(change(entry)), cell(entry.reason, '—'), cell(entry.ticketId, '—'));
    tr.dataset.action = entry.action;
    tr.title = [entry.requestId && `request ${entry.requestId}`, entry.clientAddress].filter(Boolean).join(' · ');
    return tr;
  }));
  if (!page.entries.length) body.append(emptyRow(byId('audit-table'), 'No entries.'));
}

function change(entry) {
  if (!entry.before && !entry.after) return '';
  return `${entry.before || '∅'} → ${entry.after || '∅'}`;
}
