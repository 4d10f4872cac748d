// billing.html: the signed-in user's plan, usage against its limits, upgrade and manage billing.
import { api, notice } from '/js/paddock.js';
import { badge, byId, param } from '/js/ui.js';
import { dateTime } from '/js/format.js';
import { allowance, openPortal } from '/js/billing/plans.js';

function usageLine(line) {
  const wrap = document.createElement('div');
  wrap.className = 'usage-line';
  wrap.dataset.limit = line.limit;
  const label = document.createElement('label');
  const used = line.used === undefined || line.used === null ? null : line.used;
  const counted = used === null ? '' : `${allowance(line.limit, used)} of `;
  label.textContent = `${line.words}: ${counted}${allowance(line.limit, line.allowed)}`;
  wrap.append(label);
  if (used !== null && line.allowed >= 0) {
    const bar = document.createElement('progress');
    bar.max = Math.max(line.allowed, 1);
    bar.value = Math.min(used, bar.max);
    bar.setAttribute('aria-label', line.words);
    wrap.append(bar);
  }
  return wrap;
}

const usage = await api('/api/usage', { quiet: true }).catch(() => null);
if (!usage) {
  byId('signed-out').hidden = false;
} else {
  byId('account').hidden = false;
  const current = usage.current;
  byId('plan-name').textContent = current.planName;
  const source = { default: 'default plan', admin: 'given by an admin', stripe: 'subscription' }[current.source];
  byId('plan-source').replaceChildren(badge(source || current.source, current.source !== 'default'));
  byId('plan-until').textContent = current.until ? `Until ${dateTime(current.until)}, then the default plan unless it renews.`
    : current.reason ? `Reason: ${current.reason}` : '';
  byId('billing-off').hidden = usage.billingEnabled;
  byId('manage').hidden = !usage.billingEnabled || current.source !== 'stripe';
  byId('usage').replaceChildren(...usage.limits.map(usageLine));
  if (param('checkout') === 'done') {
    notice('Thank you: your plan changes as soon as Stripe confirms the payment.', 'info');
  }
}
byId('manage').addEventListener('click', () => openPortal(api).catch(() => null));
