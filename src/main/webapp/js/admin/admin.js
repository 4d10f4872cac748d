// admin.html (/admin): the staff console. Support reads, admin acts, superadmin manages roles and
// configuration; each section loads when its tab opens (the address's #fragment names the tab).
import { currentUser, api, clearAlerts } from '/js/paddock.js';
import { byId, onSubmit } from '/js/ui.js';
import { atLeast } from '/js/admin/roles.js';
import * as users from '/js/admin/users.js';
import * as races from '/js/admin/races.js';
import * as audit from '/js/admin/audit.js';
import * as results from '/js/admin/results.js';
import * as members from '/js/admin/members.js';
import * as blog from '/js/admin/blog.js';
import * as flags from '/js/admin/flags.js';
import * as config from '/js/admin/config.js';
import * as more from '/js/admin/more.js';
import '/js/admin/actions.js'; // registers the user and race actions

const SECTIONS = { users, races, audit, results, members, blog, flags, config, more };
const loaded = new Set();

const me = await currentUser;
const gate = byId('admin-gate');
if (!me) {
  gate.hidden = false;
  const link = document.createElement('a');
  link.href = '/signin.html?next=' + encodeURIComponent('/admin');
  link.textContent = 'Sign in';
  gate.append(link, ' with a staff account to use the console.');
} else if (!atLeast(me.role, 'support')) {
  gate.hidden = false;
  gate.textContent = 'The admin console is for staff (support, admin and superadmin roles).';
} else {
  byId('admin-role').textContent = me.role;
  byId('console').hidden = false;
  const context = { me, can: (role) => atLeast(me.role, role), open };
  for (const tab of document.querySelectorAll('.admin-tabs a')) {
    if (tab.dataset.minRole && !context.can(tab.dataset.minRole)) tab.remove();
  }
  for (const section of Object.values(SECTIONS)) section.init(context);
  addEventListener('hashchange', () => open(location.hash.slice(1)));
  open(location.hash.slice(1));
  setUpSearch();
}

/** Shows one section (loading it the first time) and marks its tab; an unknown or forbidden name opens Users. */
function open(name, argument) {
  const tab = document.querySelector(`.admin-tabs a[data-tab="${CSS.escape(name || '')}"]`);
  const chosen = tab ? name : 'users';
  for (const link of document.querySelectorAll('.admin-tabs a')) {
    if (link.dataset.tab === chosen) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const key of Object.keys(SECTIONS)) {
    const section = byId(`tab-${key}`);
    if (section) section.hidden = key !== chosen;
  }
  if (location.hash.slice(1) !== chosen) history.replaceState(null, '', `#${chosen}`);
  const section = SECTIONS[chosen];
  if (!loaded.has(chosen) || argument !== undefined) {
    loaded.add(chosen);
    section.show(argument);
  }
}

/** The global search: every kind of record at once, grouped; a hit opens its section. */
function setUpSearch() {
  const names = { user: 'Users', race: 'Races', result: 'Results', audit: 'Audit entries', job: 'Transfer jobs' };
  onSubmit(byId('search-form'), async (data) => {
    clearAlerts();
    const answer = await api(`/api/admin/search?q=${encodeURIComponent(data.get('q'))}&limit=10`);
    const box = byId('search-results');
    box.replaceChildren();
    const unanswered = answer.unanswered || [];
    if (unanswered.length) {
      // A kind that did not answer in time is missing, not empty: say so rather than "nothing matches".
      const partial = document.createElement('p');
      partial.className = 'muted search-unanswered';
      partial.textContent = `Not searched in time: ${unanswered.map((type) => names[type] || type).join(', ')}. Search again to retry.`;
      box.append(partial);
    }
    if (!answer.groups.length) {
      const none = document.createElement('p');
      none.className = 'muted';
      none.textContent = unanswered.length ? `Nothing else matches “${answer.query}”.` : `Nothing matches “${answer.query}”.`;
      box.append(none);
      return;
    }
    for (const group of answer.groups) {
      const section = document.createElement('section');
      section.className = 'search-group';
      section.dataset.type = group.type;
      const heading = document.createElement('h2');
      heading.textContent = `${names[group.type] || group.type} (${group.hits.length})`;
      const list = document.createElement('ul');
      list.className = 'plain-list hit-list';
      for (const hit of group.hits) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.textContent = hit.title;
        link.href = hitAddress(hit);
        link.addEventListener('click', (event) => {
          if (hit.type === 'user') { event.preventDefault(); open('users', hit.id); }
          else if (hit.type === 'race') { event.preventDefault(); open('races', hit.id); }
          else if (hit.type === 'audit') { event.preventDefault(); open('audit', { id: hit.id }); }
          else if (hit.type === 'result') { event.preventDefault(); open('results'); }
          else if (hit.type === 'job') {
            // A job is shown through its owner: the staff view names whose it is.
            event.preventDefault();
            api(`/api/admin/transfers/jobs/${encodeURIComponent(hit.id)}`).then((found) => open('users', found.ownerId)).catch(() => {});
          }
        });
        const preview = document.createElement('span');
        preview.className = 'muted';
        preview.textContent = hit.preview ? ` — ${hit.preview}` : '';
        item.append(link, preview);
        list.append(item);
      }
      section.append(heading, list);
      box.append(section);
    }
  });
}

function hitAddress(hit) {
  switch (hit.type) {
    case 'race': return `/race/${encodeURIComponent(hit.id)}`;
    case 'user':
    case 'job': return '#users';
    case 'audit': return '#audit';
    default: return '#results';
  }
}
