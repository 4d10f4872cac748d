// What the billing pages share: limits and prices in words.

const GIB = 1024 * 1024 * 1024;

/** A limit's allowance in words: -1 is unlimited, storage in GB. */
export function allowance(limit, allowed) {
  if (allowed < 0) return 'Unlimited';
  if (limit === 'storage_bytes') return `${Math.round(allowed / GIB)} GB`;
  return String(allowed);
}

/** A monthly price in words: free, on request, or the amount. */
export function price(plan) {
  if (plan.priceCents === undefined || plan.priceCents === null) return 'On request';
  if (plan.priceCents === 0) return 'Free';
  const amount = (plan.priceCents / 100).toLocaleString('en', { style: 'currency', currency: (plan.currency || 'usd').toUpperCase() });
  return `${amount} / month`;
}

/** Sends the browser to Stripe's Customer Portal. */
export async function openPortal(api) {
  const page = await api('/api/billing/portal', { method: 'POST' });
  window.location.assign(page.url);
}
