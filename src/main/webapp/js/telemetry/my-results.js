// my-results.html: the signed-in member's plugin installations and submitted results, newest first.
import { api } from '/js/paddock.js';
import { badge, button, byId, cell, row } from '/js/ui.js';
import { dateTime, lapTime } from '/js/format.js';

const PAGE = 20;
let offset = 0;

async function profile() {
  const me = await api('/api/profile/me', { quiet: true }).catch(() => null);
  if (!me) {
    byId('signed-out').hidden = false;
    return false;
  }
  byId('state').replaceChildren(badge(me.verificationState, me.verificationState === 'verified'));
  return true;
}

async function installations() {
  const list = await api('/api/plugin/installations').catch(() => []);
  byId('installations').replaceChildren(...list.map((i) => row(i.installationId, i.simPlatform, i.pluginVersion,
    dateTime(i.lastSeenAt), cell(badge(i.active ? 'active' : 'revoked', i.active)),
    i.active ? cell(button('Revoke', async () => {
      if (!confirm(`Revoke ${i.installationId}? The plugin on that machine stops working until it registers again.`)) return;
      await api(`/api/plugin/installations/${i.id}`, { method: 'DELETE' }).catch(() => null);
      installations();
    })) : cell(''))));
  byId('no-installations').hidden = list.length > 0;
}

async function results() {
  const page = await api(`/api/results?offset=${offset}&limit=${PAGE}`).catch(() => null);
  if (!page) return;
  byId('results').replaceChildren(...page.items.map((r) => row(dateTime(r.submittedAt), r.simPlatform, r.track, r.car,
    `P${r.finalPosition} / ${r.fieldSize}`, lapTime(r.bestLapMs), r.continuityScore,
    cell(badge(r.outcome, r.outcome === 'verified' ? true : r.outcome === 'flagged' ? false : null)),
    r.reasons.join(', '))));
  byId('no-results').hidden = page.total > 0;
  byId('prev').disabled = offset === 0;
  byId('next').disabled = offset + PAGE >= page.total;
}

byId('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); results(); });
byId('next').addEventListener('click', () => { offset += PAGE; results(); });
if (await profile()) {
  installations();
  results();
}
