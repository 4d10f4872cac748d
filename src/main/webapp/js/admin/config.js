// The console's Configuration history (superadmin): each runtime setting change with its diff, who and why.
import { api } from '/js/paddock.js';
import { byId, onSubmit } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { failed } from '/js/admin/justify.js';

let setting = '';
let before = null;

export function init() {
  onSubmit(byId('config-form'), (data) => {
    setting = data.get('setting').trim();
    return load(null, false);
  });
  byId('config-older').addEventListener('click', () => load(before, true).catch(failed));
}

export async function show() {
  await load(null, false).catch(failed);
}

async function load(from, append) {
  const query = new URLSearchParams({ limit: '20' });
  if (setting) query.set('setting', setting);
  if (from) query.set('before', from);
  const page = await api(`/api/admin/config/history?${query}`);
  before = page.nextBefore || null;
  byId('config-older').disabled = !before;
  const list = byId('config-list');
  if (!append) list.replaceChildren();
  list.append(...page.changes.map(entry));
  if (!list.children.length) {
    const none = document.createElement('li');
    none.className = 'muted';
    none.textContent = 'No changes recorded.';
    list.append(none);
  }
}

function entry(change) {
  const li = document.createElement('li');
  li.className = 'panel config-change';
  const head = document.createElement('p');
  const name = document.createElement('strong');
  name.className = 'mono';
  name.textContent = change.setting;
  head.append(name, ` · ${dateTime(change.at)} · ${change.actorName || 'Paddock'}`);
  const why = document.createElement('p');
  why.className = 'muted';
  why.textContent = [change.reason, change.ticketId && `ticket ${change.ticketId}`].filter(Boolean).join(' · ');
  const diff = document.createElement('pre');
  diff.className = 'diff';
  if (change.secret) {
    diff.textContent = 'secret value changed (never shown)';
  } else {
    for (const line of change.diff) {
      const span = document.createElement('span');
      span.className = line.op === '+' ? 'diff-add' : line.op === '-' ? 'diff-del' : 'diff-same';
      span.textContent = `${line.op} ${line.text}\n`;
      diff.append(span);
    }
  }
  li.append(head, why, diff);
  return li;
}
