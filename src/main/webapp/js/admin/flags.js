// The console's Feature flags (superadmin): each flag's state, turned with a reason and a ticket.
import { api, notice } from '/js/paddock.js';
import { byId, cell, row, badge, button } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { justify, failed } from '/js/admin/justify.js';

export function init() {}

export async function show() {
  await load().catch(failed);
}

async function load() {
  const flags = await api('/api/admin/flags');
  byId('flags-table').tBodies[0].replaceChildren(...flags.map((flag) => {
    // The button sits by the state, so a phone shows it without scrolling the table sideways.
    const state = cell(badge(flag.enabled ? 'on' : 'off', flag.enabled));
    state.className = 'flag-state';
    state.append(button(flag.enabled ? 'Turn off…' : 'Turn on…', () => turn(flag), 'small'));
    const tr = row(cell(flag.name), state, cell(flag.description), cell(dateTime(flag.updatedAt)));
    tr.dataset.flag = flag.name;
    return tr;
  }));
}

async function turn(flag) {
  const enabled = !flag.enabled;
  const done = await justify({
    title: `Turn ${flag.name} ${enabled ? 'on' : 'off'}`,
    text: `${flag.description}. Every node follows at once.`,
    confirmLabel: enabled ? 'Turn on' : 'Turn off',
    danger: !enabled,
    act: ({ reason, ticketId }) => api(`/api/admin/flags/${encodeURIComponent(flag.name)}`, {
      method: 'PUT', quiet: true, body: { enabled, version: flag.version, reason, ticketId } }),
  });
  if (done) {
    notice(`${flag.name} is ${enabled ? 'on' : 'off'}.`);
    await load();
  }
}
