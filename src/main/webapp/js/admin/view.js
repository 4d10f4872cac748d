// Small views the console's sections share: a record's facts and a table's "nothing here" row.
import { cell, row } from '/js/ui.js';

/** Fills a <dl> with [term, value] pairs; an id in a pair's third place is given to its value. */
export function facts(list, pairs) {
  list.replaceChildren();
  for (const [term, value, id] of pairs) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value ?? '—';
    if (id) dd.id = id;
    list.append(dt, dd);
  }
  return list;
}

/** A row saying the table is empty, across all its columns. */
export function emptyRow(table, text) {
  const only = cell(text);
  only.colSpan = table.tHead ? table.tHead.rows[0].cells.length : 1;
  only.className = 'muted';
  return row(only);
}
