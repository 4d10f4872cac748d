// Paddock's web shell: layout, API calls, alerts and live sockets for every page. No build step:
// each page loads one ES module (this file, or its own entry under js/<module>/ that imports it).
// The Content-Security-Policy refuses inline scripts and styles, so pages hold markup only.

/** Navigation shown on every page; modules add their pages here. */
const NAV = [
  { href: '/', label: 'Races', page: 'races' },
  { href: '/podiums', label: 'Podiums', page: 'podiums' },
  { href: '/pricing', label: 'Pricing', page: 'pricing' },
  { href: '/transfers', label: 'Transfers', page: 'transfers' },
  { href: '/blog', label: 'Blog', page: 'blog' },
  { href: '/status', label: 'Status', page: 'status' },
  { href: '/api-reference', label: 'API', page: 'api' },
];

/** Shown to staff only (support and up): the admin console. */
const STAFF_NAV = { href: '/admin', label: 'Admin', page: 'admin' };
const STAFF_ROLES = ['support', 'admin', 'superadmin'];

/** The signed-in user's menu in the header; "My races" is the home page's list of the user's races. */
const USER_MENU = [
  { href: '/account', label: 'Account', page: 'account' },
  { href: '/#my-races', label: 'My races' },
  { href: '/my-results', label: 'My results', page: 'my-results' },
];

/**
 * The signed-in user ({@code GET /api/auth/me}), or null when signed out: asked once per page, shared by the
 * header and any page that needs it.
 */
export const currentUser = fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then((response) => (response.ok ? response.json() : null), () => null);

/** This page as a same-site path (path, query and fragment), to come back to after signing in. */
export function here() {
  return location.pathname + location.search + location.hash;
}

/** A refusal from the API, carrying its RFC 9457 problem document. */
export class ProblemError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'Request failed');
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
  }
}

function readCookie(name) {
  const match = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
}

/**
 * Calls the API with JSON in and out (a FormData body is sent as multipart). Resolves with the parsed body (or null for 204);
 * rejects with a ProblemError whose problem is what the server said, or a synthetic one when
 * the network failed. Pass {quiet: true} to handle the error without showing it, and a fetch cache mode
 * ({cache: 'no-store'}) for an answer the page must never take from the browser's cache.
 */
export async function api(path, { method = 'GET', body, headers = {}, quiet = false, cache = 'default' } = {}) {
  const init = { method, cache, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (body instanceof FormData) {
    init.body = body; // multipart: the browser sets Content-Type with its boundary
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const csrf = readCookie('paddock_csrf');
  if (csrf && method !== 'GET' && method !== 'HEAD') init.headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(path, init);
  } catch (networkError) {
    const error = new ProblemError({ type: '/problems/network', title: 'Network error', status: 0,
      detail: 'The server could not be reached. Check your connection and try again.' });
    if (!quiet) showProblem(error);
    throw error;
  }
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = parsed && parsed.type ? parsed
      : { type: '/problems/http-' + response.status, title: response.statusText, status: response.status };
    const error = new ProblemError(problem);
    if (!quiet) showProblem(error);
    throw error;
  }
  return response.status === 204 ? null : parsed;
}

/** Shows a problem in the page's alert area: its title, detail and any field errors. */
export function showProblem(error) {
  const problem = error.problem || { title: 'Error', detail: String(error.message || error) };
  const area = document.getElementById('alerts');
  if (!area) return;
  const box = document.createElement('div');
  box.className = 'alert alert-error';
  box.setAttribute('role', 'alert');
  box.dataset.problemType = problem.type || '';
  const title = document.createElement('strong');
  title.textContent = problem.title || 'Error';
  box.append(title);
  if (problem.detail) box.append(' ', problem.detail);
  if (Array.isArray(problem.errors) && problem.errors.length) {
    const list = document.createElement('ul');
    for (const { field, message } of problem.errors) {
      const item = document.createElement('li');
      const input = typeof field === 'string' && field ? document.querySelector(`[name="${CSS.escape(field)}"]`) : null;
      const label = input && input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
      item.textContent = label ? `${label.textContent.replace(/\s+/g, ' ').trim()}: ${message}` : `${field}: ${message}`;
      list.append(item);
    }
    box.append(list);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'alert-close';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.append(close);
  area.replaceChildren(box);
}

/** Shows a non-error message in the page's alert area (kind: 'ok' or 'info'). */
export function notice(text, kind = 'ok') {
  const area = document.getElementById('alerts');
  if (!area) return;
  const box = document.createElement('div');
  box.className = `alert alert-${kind}`;
  box.setAttribute('role', 'status');
  box.textContent = text;
  area.replaceChildren(box);
}

/** Clears the alert area (before a new attempt). */
export function clearAlerts() {
  const area = document.getElementById('alerts');
  if (area) area.replaceChildren();
}

/**
 * Opens a WebSocket to `path` on this host and keeps it open: after a drop it reconnects with
 * exponential backoff (1 s doubling to 30 s, with jitter) until close() is called.
 * Messages are JSON; onMessage receives the parsed object.
 */
export function connect(path, { onMessage = () => {}, onOpen = () => {}, onStatus = () => {},
  minDelayMs = 1000, maxDelayMs = 30000 } = {}) {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  let socket = null;
  let attempt = 0;
  let closed = false;
  let timer = null;

  function open() {
    onStatus('connecting');
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      onStatus('open');
      onOpen(send);
    });
    socket.addEventListener('message', (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      onMessage(message);
    });
    socket.addEventListener('close', (event) => {
      if (closed) return;
      onStatus('reconnecting', event.code);
      const delay = Math.min(maxDelayMs, minDelayMs * 2 ** attempt++);
      timer = setTimeout(open, delay / 2 + Math.random() * delay / 2);
    });
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  open();
  return {
    send,
    close() {
      closed = true;
      clearTimeout(timer);
      if (socket) socket.close(1000);
      onStatus('closed');
    },
    /** Closes the current socket; the usual reconnect follows (a fresh start for a stream that lost a frame). */
    reconnect() {
      if (socket && !closed) socket.close(1000);
    },
  };
}

/** Renders the shared header, navigation, alert area and footer around the page's <main>. */
export function renderLayout() {
  const page = document.body.dataset.page;
  const header = document.createElement('header');
  header.className = 'site-header';
  const brand = document.createElement('a');
  brand.href = '/';
  brand.className = 'brand';
  brand.innerHTML = '<span class="brand-mark" aria-hidden="true">▚</span> Paddock';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'nav-toggle';
  toggle.setAttribute('aria-label', 'Menu');
  toggle.setAttribute('aria-expanded', 'false');
  toggle.textContent = '☰';
  const nav = document.createElement('nav');
  nav.className = 'site-nav';
  nav.setAttribute('aria-label', 'Main');
  for (const item of NAV) {
    const link = document.createElement('a');
    link.href = item.href;
    link.textContent = item.label;
    if (item.page === page) link.setAttribute('aria-current', 'page');
    nav.append(link);
  }
  currentUser.then((me) => {
    if (!me || !STAFF_ROLES.includes(me.role)) return;
    const link = document.createElement('a');
    link.href = STAFF_NAV.href;
    link.textContent = STAFF_NAV.label;
    if (STAFF_NAV.page === page) link.setAttribute('aria-current', 'page');
    nav.append(link);
  });
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const account = document.createElement('div');
  account.className = 'site-account';
  header.append(brand, toggle, nav, account);
  renderAccount(account, page);

  const alerts = document.createElement('div');
  alerts.id = 'alerts';
  alerts.setAttribute('aria-live', 'polite');

  const footer = document.createElement('footer');
  footer.className = 'site-footer';
  footer.innerHTML = '<span>Paddock — one server for racing communities.</span> <span id="server-version"></span>';

  const main = document.querySelector('main');
  document.body.prepend(header, alerts);
  document.body.append(footer);
  if (main && !main.id) main.id = 'content';

  api('/api/info', { quiet: true })
    .then((info) => { document.getElementById('server-version').textContent = `${info.name} ${info.version}`; })
    .catch(() => {});
}

/**
 * The header's account corner: "Sign in" (returning to this page) when signed out; when signed in, a button
 * with the user's name opening a menu of their pages and "Sign out".
 */
async function renderAccount(corner, page) {
  const me = await currentUser;
  if (!me) {
    if (page === 'signin' || page === 'register') return;
    const signIn = document.createElement('a');
    signIn.className = 'button small';
    signIn.id = 'header-sign-in';
    signIn.href = '/signin.html?next=' + encodeURIComponent(here());
    signIn.textContent = 'Sign in';
    corner.append(signIn);
    return;
  }
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.id = 'user-menu-button';
  toggle.className = 'user-button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'user-menu');
  const name = document.createElement('span');
  name.className = 'user-name';
  name.textContent = me.displayName;
  toggle.append(name, document.createElement('span'));
  toggle.lastChild.className = 'sr-only';
  toggle.lastChild.textContent = ' (account menu)';
  const menu = document.createElement('ul');
  menu.id = 'user-menu';
  menu.className = 'user-menu';
  menu.hidden = true;
  for (const item of USER_MENU) {
    const entry = document.createElement('li');
    const link = document.createElement('a');
    link.href = item.href;
    link.textContent = item.label;
    if (item.page && item.page === page) link.setAttribute('aria-current', 'page');
    entry.append(link);
    menu.append(entry);
  }
  const signOut = document.createElement('button');
  signOut.type = 'button';
  signOut.id = 'sign-out';
  signOut.textContent = 'Sign out';
  signOut.addEventListener('click', async () => {
    if (await api('/api/auth/logout', { method: 'POST' }).then(() => true, () => false)) location.assign('/');
  });
  const last = document.createElement('li');
  last.append(signOut);
  menu.append(last);
  const show = (open) => {
    menu.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => show(menu.hidden));
  corner.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !menu.hidden) {
      show(false);
      toggle.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!corner.contains(event.target)) show(false);
  });
  corner.append(toggle, menu);
}

/**
 * A table that scrolls sideways (on a phone every wide table does) must be reachable by keyboard, or its hidden
 * columns are out of reach: each one that overflows gets tabindex=0, as the page changes.
 */
function keepScrollersFocusable() {
  let queued = false;
  const mark = () => {
    queued = false;
    for (const scroller of document.querySelectorAll('.table-scroll, table')) {
      const scrolls = scroller.scrollWidth > scroller.clientWidth + 1 && getComputedStyle(scroller).overflowX !== 'visible';
      if (scrolls && !scroller.hasAttribute('tabindex')) scroller.setAttribute('tabindex', '0');
    }
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(mark);
    }
  };
  new MutationObserver(queue).observe(document.body, { childList: true, subtree: true });
  addEventListener('resize', queue);
  queue();
}

renderLayout();
keepScrollersFocusable();
