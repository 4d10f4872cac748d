// status.html: readiness is MicroProfile Health's own JSON, outside /api, so it is read with fetch directly.
import '/js/paddock.js';
import { badge, byId, item } from '/js/ui.js';

const overall = byId('overall');

function show(text, good) {
  overall.textContent = text;
  overall.className = badge(text, good).className;
}

try {
  const response = await fetch('/health/ready', { headers: { Accept: 'application/json' } });
  const health = await response.json();
  show(health.status, health.status === 'UP');
  byId('checks').append(...health.checks.map((check) => item(`${check.name}: ${check.status}`)));
} catch {
  show('unreachable', false);
}
