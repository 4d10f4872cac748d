// The reason-and-ticket dialog every privileged action of the console goes through. The server refuses an
// action without a reason (10–1000 characters) and a ticket id; problems it names land under their field.
import { showFieldErrors, fieldError } from '/js/ui.js';
import { showProblem } from '/js/paddock.js';

let counter = 0;

/**
 * Opens a modal asking why. `fields` adds inputs above the reason (each {name, label, type: 'select'|'text',
 * options: [[value, label]], value}). `act(values)` runs on submit with {reason, ticketId, ...fields}; the dialog
 * closes when it resolves and stays open (showing the problem) when it rejects. Resolves with act's result (true
 * for an empty answer), or null when cancelled.
 */
export function justify({ title, text = '', confirmLabel = 'Confirm', danger = false, fields = [], act }) {
  const id = `justify-${++counter}`;
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm justify';
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    const form = document.createElement('form');
    form.noValidate = true;
    const heading = document.createElement('h2');
    heading.id = `${id}-title`;
    heading.textContent = title;
    form.append(heading);
    if (text) {
      const p = document.createElement('p');
      p.textContent = text;
      form.append(p);
    }
    for (const field of fields) form.append(...control(id, field));
    form.append(...control(id, { name: 'reason', label: 'Reason (10 to 1000 characters)', type: 'textarea' }),
      ...control(id, { name: 'ticketId', label: 'Ticket', type: 'text', placeholder: 'OPS-1234' }));
    const alerts = document.createElement('div');
    alerts.className = 'dialog-alerts';
    const actions = document.createElement('p');
    actions.className = 'form-actions';
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.className = danger ? 'primary danger' : 'primary';
    ok.textContent = confirmLabel;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    actions.append(ok, cancel);
    form.append(alerts, actions);
    dialog.append(form);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const input of form.querySelectorAll('[aria-invalid="true"]')) fieldError(input, null);
      alerts.replaceChildren();
      const values = Object.fromEntries(new FormData(form));
      const problems = [];
      if ([...values.reason.trim()].length < 10) problems.push({ field: 'reason', message: 'must say why in at least 10 characters' });
      if (!values.ticketId.trim()) problems.push({ field: 'ticketId', message: 'is required' });
      if (problems.length) {
        showFieldErrors(form, problems);
        return;
      }
      ok.disabled = true;
      try {
        result = (await act(values)) ?? true;
        dialog.close();
      } catch (error) {
        const placed = error.problem ? showFieldErrors(form, error.problem.errors) : 0;
        if (!placed) {
          const box = document.createElement('p');
          box.className = 'field-error';
          box.setAttribute('role', 'alert');
          box.textContent = error.problem ? `${error.problem.title}: ${error.problem.detail || ''}` : String(error.message);
          alerts.append(box);
        }
      } finally {
        ok.disabled = false;
      }
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector('select, input, textarea').focus();
  });
}

function control(id, { name, label, type = 'text', options = [], value = '', placeholder = '' }) {
  const labelElement = document.createElement('label');
  labelElement.htmlFor = `${id}-${name}`;
  labelElement.textContent = label;
  let input;
  if (type === 'select') {
    input = document.createElement('select');
    for (const [optionValue, optionLabel] of options) {
      const option = document.createElement('option');
      option.value = optionValue;
      option.textContent = optionLabel;
      input.append(option);
    }
  } else if (type === 'textarea') {
    input = document.createElement('textarea');
    input.rows = 3;
  } else {
    input = document.createElement('input');
    input.type = type;
  }
  input.id = `${id}-${name}`;
  input.name = name;
  input.value = value;
  if (placeholder) input.placeholder = placeholder;
  return [labelElement, input];
}

/** Shows a problem of an action taken outside the dialog (a load). */
export function failed(error) {
  if (!error.problem) showProblem(error);
}
