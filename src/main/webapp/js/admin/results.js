// The console's Results review: the queue the telemetry proof left (pending, flagged), each result with the
// evidence the server saw, and verify/reject with a reason and a ticket (admin).
import { api, notice } from '/js/paddock.js';
import { byId, badge, button, onSubmit } from '/js/ui.js';
import { dateTime, lapTime, raceClock } from '/js/format.js';
import { justify, failed } from '/js/admin/justify.js';
import { facts } from '/js/admin/view.js';

const LIMIT = 10;
let context;
let outcome = 'pending,flagged';
let offset = 0;

export function init(ctx) {
  context = ctx;
  onSubmit(byId('results-form'), (data) => {
    outcome = data.get('outcome');
    offset = 0;
    return load();
  });
  byId('results-prev').addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); load().catch(failed); });
  byId('results-next').addEventListener('click', () => { offset += LIMIT; load().catch(failed); });
}

export async function show() {
  await load().catch(failed);
}

async function load() {
  const queue = await api(`/api/admin/results?outcome=${encodeURIComponent(outcome)}&offset=${offset}&limit=${LIMIT}`);
  byId('results-count').textContent = queue.total
    ? `${offset + 1}–${offset + queue.items.length} of ${queue.total}` : 'Nothing waits for review.';
  byId('results-prev').disabled = offset === 0;
  byId('results-next').disabled = offset + queue.items.length >= queue.total;
  byId('results-list').replaceChildren(...queue.items.map(item));
}

function item(review) {
  const r = review.result;
  const li = document.createElement('li');
  li.className = 'panel review-item';
  li.dataset.resultId = r.id;
  const head = document.createElement('p');
  head.className = 'review-head';
  const title = document.createElement('strong');
  title.textContent = `P${r.finalPosition}/${r.fieldSize} · ${r.track} · ${r.car}`;
  head.append(title, ' ', badge(r.outcome, r.outcome === 'verified' ? true : r.outcome === 'rejected' ? false : undefined));
  const e = review.evidence;
  const list = facts(document.createElement('dl'), [
    ['Driver', review.displayName], ['Platform', r.simPlatform], ['Submitted', dateTime(r.submittedAt)],
    ['Laps', `${r.laps} · best ${lapTime(r.bestLapMs)} · total ${raceClock(r.totalTimeMs)}`],
    ['Checks', r.reasons && r.reasons.length ? r.reasons.join(', ') : 'none failed'],
    ['Continuity', r.continuityScore],
    ['Evidence', e ? `${e.heartbeats} heartbeats (${e.staticHeartbeats} static), ${dateTime(e.startedAt)} to ${dateTime(e.lastHeartbeatAt)}${e.endedStale ? ', ended stale' : ''}` : 'no session kept'],
    ['Last review', review.reviewedAt ? `${dateTime(review.reviewedAt)}: ${review.reviewNote || ''}` : '—']]);
  list.className = 'facts';
  li.append(head, list);
  if (context.can('admin')) {
    const actions = document.createElement('div');
    actions.className = 'form-actions admin-actions';
    if (r.outcome !== 'verified') actions.append(button('Verify…', () => decide(review, 'verify')));
    if (r.outcome !== 'rejected') actions.append(button('Reject…', () => decide(review, 'reject'), 'danger'));
    li.append(actions);
  }
  return li;
}

async function decide(review, decision) {
  const r = review.result;
  const done = await justify({
    title: decision === 'verify' ? 'Verify this result' : 'Reject this result',
    text: decision === 'verify' ? 'It will count on podiums and leaderboards from now on.'
      : 'It will never count; its driver sees it as rejected.',
    confirmLabel: decision === 'verify' ? 'Verify' : 'Reject',
    danger: decision === 'reject',
    act: ({ reason, ticketId }) => api(`/api/admin/results/${encodeURIComponent(r.id)}/review`, {
      method: 'POST', quiet: true, body: { decision, version: review.version, reason, ticketId } }),
  });
  if (done) {
    notice(`Result ${decision === 'verify' ? 'verified' : 'rejected'}.`);
    await load();
  }
}
