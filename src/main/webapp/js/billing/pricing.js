// pricing.html: the plans side by side; a signed-in user buys one through Stripe Checkout.
import { api, ProblemError, showProblem } from '/js/paddock.js';
import { badge, byId } from '/js/ui.js';
import { allowance, openPortal, price } from '/js/billing/plans.js';

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

async function choose(plan, button) {
  button.disabled = true;
  try {
    const page = await api('/api/billing/checkout', { method: 'POST', body: { plan: plan.id }, quiet: true });
    window.location.assign(page.url);
  } catch (error) {
    // Already subscribed: plan changes happen in Stripe's portal.
    if (error instanceof ProblemError && error.problem.type === '/problems/already-subscribed') {
      await openPortal(api).catch(() => null);
    } else {
      showProblem(error);
    }
  } finally {
    button.disabled = false;
  }
}

function action(plan, config, usage) {
  if (usage && usage.current.plan === plan.id) {
    const mine = text('p', '', 'current-plan');
    mine.append(badge('Your plan', true));
    return mine;
  }
  if (!config.enabled || !plan.forSale) {
    return plan.priceCents === undefined || plan.priceCents === null ? text('p', 'Ask us', 'muted') : text('p', '');
  }
  if (!usage) {
    const link = text('a', 'Sign in to choose', 'button');
    link.href = '/signin?return_to=' + encodeURIComponent('/pricing');
    return link;
  }
  const button = text('button', `Choose ${plan.name}`, 'primary');
  button.type = 'button';
  button.dataset.plan = plan.id;
  button.addEventListener('click', () => choose(plan, button));
  return button;
}

const [plans, config, usage] = await Promise.all([
  api('/api/plans').catch(() => []),
  api('/api/billing/config', { quiet: true }).catch(() => ({ enabled: false })),
  api('/api/usage', { quiet: true }).catch(() => null),
]);
byId('billing-off').hidden = config.enabled;
byId('plans').replaceChildren(...plans.map((plan) => {
  const card = document.createElement('article');
  card.className = 'card plan';
  card.dataset.plan = plan.id;
  const limits = document.createElement('ul');
  for (const limit of plan.limits) {
    limits.append(text('li', `${allowance(limit.limit, limit.allowed)} ${limit.words}`));
  }
  card.append(text('h2', plan.name), text('p', price(plan), 'price'), limits, action(plan, config, usage));
  return card;
}));
