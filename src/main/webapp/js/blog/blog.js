// blog.html: /blog lists the published articles, /blog/{slug} (or ?slug=) shows one. Article HTML comes
// rendered and sanitised by the server, so it is inserted as it is.
import { api } from '/js/paddock.js';
import { byId, param } from '/js/ui.js';
import { dateTime } from '/js/format.js';

const match = /^\/blog\/([a-z0-9-]{1,80})\/?$/.exec(location.pathname);
const slug = match ? match[1] : param('slug');

function off(error) {
  const box = byId('blog-off');
  box.hidden = false;
  box.textContent = error.type === '/problems/blog-off' ? 'The blog is switched off on this server.'
    : error.type === '/problems/article-not-found' ? 'There is no such article.' : 'The blog could not be loaded.';
}

try {
  if (slug) {
    const article = await api(`/api/blog/articles/${encodeURIComponent(slug)}`, { quiet: true });
    document.title = `${article.title} — Paddock`;
    byId('article-title').textContent = article.title;
    byId('article-meta').textContent = `${article.authorName} · ${dateTime(article.publishedAt)}`;
    byId('article-body').innerHTML = article.html;
    byId('blog-article').hidden = false;
  } else {
    const articles = await api('/api/blog/articles', { quiet: true });
    byId('article-list').replaceChildren(...articles.map((a) => {
      const li = document.createElement('li');
      li.className = 'article-item';
      const heading = document.createElement('h2');
      const link = document.createElement('a');
      link.href = `/blog/${a.slug}`;
      link.textContent = a.title;
      heading.append(link);
      const meta = document.createElement('p');
      meta.className = 'muted';
      meta.textContent = `${a.authorName} · ${dateTime(a.publishedAt)}`;
      const summary = document.createElement('p');
      summary.textContent = a.summary;
      li.append(heading, meta, summary);
      return li;
    }));
    if (!articles.length) byId('article-list').textContent = 'No articles yet.';
    byId('blog-index').hidden = false;
  }
} catch (error) {
  off(error);
}
