// The console's Blog: every article (drafts too), the editor with a preview rendered by the server exactly as a
// save renders it, and deletion with a reason and a ticket.
import { api, notice, clearAlerts } from '/js/paddock.js';
import { byId, cell, row, button, onSubmit, counters } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { justify, failed } from '/js/admin/justify.js';
import { emptyRow } from '/js/admin/view.js';

let editing = null;
let withinLimits = () => true;

export function init() {
  const form = byId('blog-form');
  withinLimits = counters(form);
  byId('blog-new').addEventListener('click', () => edit(null));
  byId('blog-cancel').addEventListener('click', () => { form.hidden = true; editing = null; });
  byId('blog-preview').addEventListener('click', () => preview().catch(failed));
  byId('blog-delete').addEventListener('click', () => remove().catch(failed));
  byId('blog-title-input').addEventListener('input', (event) => {
    const slug = byId('blog-slug');
    if (!editing && !slug.dataset.touched) {
      slug.value = slugOf(event.target.value);
      slug.dispatchEvent(new Event('input')); // its counter
    }
  });
  // Typed by a person (not the title's refresh above): the slug stops following the title.
  byId('blog-slug').addEventListener('input', (event) => { if (event.isTrusted) event.target.dataset.touched = '1'; });
  onSubmit(form, async (data) => {
    if (!withinLimits()) return;
    const article = { slug: data.get('slug'), title: data.get('title'), summary: data.get('summary') || '',
      markdown: data.get('markdown'), published: data.get('published') === 'on' };
    const saved = editing
      ? await api(`/api/admin/blog/articles/${editing.id}`, { method: 'PUT', body: { article, version: editing.version } })
      : await api('/api/admin/blog/articles', { method: 'POST', body: article });
    notice(`Saved “${saved.title}”${saved.published ? `: public at /blog/${saved.slug}` : ' as a draft'}.`);
    edit(saved);
    await list();
  });
}

export async function show() {
  await list().catch(failed);
}

async function list() {
  const articles = await api('/api/admin/blog/articles');
  const body = byId('blog-table').tBodies[0];
  body.replaceChildren(...articles.map((a) => {
    const link = document.createElement('a');
    link.href = `/blog/${a.slug}`;
    link.textContent = `/blog/${a.slug}`;
    return row(cell(a.title), cell(a.published ? link : `/blog/${a.slug}`), cell(a.published ? 'published' : 'draft'),
      cell(dateTime(a.updatedAt)), cell(button('Edit', () => edit(a), 'small')));
  }));
  if (!articles.length) body.append(emptyRow(byId('blog-table'), 'No articles yet.'));
}

function edit(article) {
  clearAlerts();
  editing = article;
  const form = byId('blog-form');
  form.hidden = false;
  byId('blog-form-title').textContent = article ? `Edit “${article.title}”` : 'New article';
  byId('blog-title-input').value = article ? article.title : '';
  byId('blog-slug').value = article ? article.slug : '';
  byId('blog-summary').value = article ? article.summary : '';
  byId('blog-markdown').value = article ? article.markdown : '';
  byId('blog-published').checked = article ? article.published : false;
  byId('blog-delete').hidden = !article;
  byId('blog-preview-box').hidden = true;
  delete byId('blog-slug').dataset.touched;
  for (const input of form.querySelectorAll('[data-max]')) input.dispatchEvent(new Event('input'));
  byId('blog-title-input').focus();
}

async function preview() {
  const answer = await api('/api/admin/blog/preview', { method: 'POST', body: { markdown: byId('blog-markdown').value } });
  const box = byId('blog-preview-box');
  // The server rendered and sanitised this HTML (no script, style or handler survives it).
  box.innerHTML = answer.html;
  box.hidden = false;
}

async function remove() {
  const article = editing;
  const done = await justify({
    title: `Delete “${article.title}”`,
    text: `/blog/${article.slug} will be gone for good.`,
    confirmLabel: 'Delete',
    danger: true,
    act: ({ reason, ticketId }) => api(`/api/admin/blog/articles/${article.id}/delete`, {
      method: 'POST', quiet: true, body: { version: article.version, reason, ticketId } }),
  });
  if (done) {
    notice(`Deleted “${article.title}”.`);
    byId('blog-form').hidden = true;
    editing = null;
    await list();
  }
}

/** A title as an address: lower-case words of letters and digits joined by hyphens. */
function slugOf(title) {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
}
