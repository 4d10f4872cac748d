// transfers.html: add magnets and .torrent files, follow jobs live (/ws/transfers), pause, resume,
// cancel, delete, pick files, download and share finished files.
import { api, connect, notice } from '/js/paddock.js';
import { byId, button, cell, onSubmit, row } from '/js/ui.js';
import { bytes } from '/js/format.js';

const jobs = new Map();
let shownFiles = null;

function progressCell(job) {
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = job.progress;
  bar.className = 'job-progress';
  bar.setAttribute('aria-label', `${job.name}: ${job.progress} %`);
  const text = document.createElement('span');
  text.textContent = ` ${job.progress} %` + (job.bytesTotal != null ? ` of ${bytes(job.bytesTotal)}` : '');
  const td = document.createElement('td');
  td.append(bar, text);
  return td;
}

function actions(job) {
  const td = document.createElement('td');
  const act = (label, path, method = 'POST') => button(label, async () => {
    const answer = await api(`/api/jobs/${job.id}${path}`, { method });
    if (answer && answer.id) render(answer);
    if (method === 'DELETE') forget(job.id);
  }, 'small');
  const running = ['submitted', 'metadata_fetch', 'queued', 'downloading'].includes(job.state);
  if (running) td.append(act('Pause', '/pause'));
  if (job.state === 'paused') td.append(act('Resume', '/resume'));
  if (running || job.state === 'paused' || job.state === 'uploading') td.append(act('Cancel', '/cancel'));
  td.append(button('Files', () => showFiles(job.id), 'small'), act('Delete', '', 'DELETE'));
  return td;
}

function render(job) {
  jobs.set(job.id, job);
  const speed = job.downloadSpeed ? `${bytes(job.downloadSpeed)}/s · ${job.peers} peer(s)` : '';
  const state = job.failure ? `${job.state}: ${job.failure}` : job.state;
  const tr = row(job.name, state, progressCell(job), speed, actions(job));
  tr.dataset.job = job.id;
  tr.dataset.state = job.state;
  const old = document.querySelector(`#jobs tr[data-job="${job.id}"]`);
  if (old) old.replaceWith(tr); else document.querySelector('#jobs tbody').prepend(tr);
  byId('no-jobs').hidden = true;
  if (shownFiles === job.id && (job.state === 'completed' || job.state === 'queued')) showFiles(job.id);
}

function forget(id) {
  jobs.delete(id);
  document.querySelector(`#jobs tr[data-job="${id}"]`)?.remove();
  byId('no-jobs').hidden = jobs.size > 0;
  if (shownFiles === id) byId('files').hidden = true;
}

async function showFiles(jobId) {
  shownFiles = jobId;
  const files = await api(`/api/jobs/${jobId}/files`);
  const body = document.querySelector('#file-list tbody');
  body.replaceChildren(...files.map((file) => {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = file.selected;
    box.setAttribute('aria-label', `Fetch ${file.path}`);
    box.addEventListener('change', async () => {
      try {
        await api(`/api/jobs/${jobId}/files/${file.id}`, { method: 'PUT', body: { selected: box.checked } });
      } catch {
        box.checked = !box.checked;
      }
    });
    const td = document.createElement('td');
    if (file.complete) {
      const link = document.createElement('a');
      link.href = `/api/files/${file.id}/download`;
      link.textContent = 'Download';
      link.setAttribute('download', '');
      td.append(link, ' ', button('Share', async () => {
        const share = await api(`/api/files/${file.id}/share`, { method: 'POST', body: {} });
        await navigator.clipboard?.writeText(share.url).catch(() => {});
        notice(`Link (valid until ${new Date(share.expiresAt).toLocaleString()}): ${share.url}`);
      }, 'small'));
    }
    return row(cell(box), file.path, bytes(file.sizeBytes), td);
  }));
  byId('files-title').textContent = `Files of ${jobs.get(jobId)?.name ?? 'the job'}`;
  byId('files').hidden = false;
}

async function refreshUsage() {
  const usage = await api('/api/transfers/usage', { quiet: true }).catch(() => null);
  if (!usage) return;
  const limit = (m, f) => (m.limit < 0 ? 'unlimited' : f(m.limit));
  byId('usage').textContent = `Jobs: ${usage.concurrentJobs.used} of ${limit(usage.concurrentJobs, String)} · `
    + `Storage: ${bytes(usage.storageBytes.used)} of ${limit(usage.storageBytes, bytes)} · `
    + `Files kept ${usage.retentionDays < 0 ? 'forever' : usage.retentionDays + ' days'}`;
}

async function load() {
  const page = await api('/api/jobs?size=100');
  document.querySelector('#jobs tbody').replaceChildren();
  jobs.clear();
  page.items.slice().reverse().forEach(render);
  byId('no-jobs').hidden = page.items.length > 0;
  refreshUsage();
}

const me = await api('/api/auth/me', { quiet: true }).catch(() => null);
byId('sign-in-hint').hidden = !!me;
byId('transfers').hidden = !me;
if (me) {
  onSubmit(byId('magnet-form'), async (data) => {
    render(await api('/api/jobs', { method: 'POST', body: { magnet: data.get('magnet') } }));
    byId('magnet-form').reset();
    refreshUsage();
  });
  onSubmit(byId('torrent-form'), async (data) => {
    render(await api('/api/jobs', { method: 'POST', body: data }));
    byId('torrent-form').reset();
    refreshUsage();
  });
  connect('/ws/transfers', {
    onOpen: () => load(),
    onStatus: (status) => { byId('live').textContent = status === 'open' ? 'live' : status; },
    onMessage: (message) => {
      if (message.type === 'deleted') forget(message.data.id);
      else if (message.type === 'job' || message.type === 'progress') {
        render(message.data);
        if (message.type === 'job') refreshUsage();
      }
    },
  });
}
