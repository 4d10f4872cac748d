// api-reference.html: the server's own OpenAPI document (/openapi, as JSON) rendered as a page, grouped by tag:
// each operation's method, path, summary, who may call it, parameters, request body and answers, then the
// schemas. Built here with DOM calls, so it needs nothing from outside and runs under the page's CSP.
import { api } from '/js/paddock.js';
import { byId } from '/js/ui.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** "Race", "array of Race", "string (uuid)": a schema's type in a few words, linking named schemas. */
function typeOf(schema) {
  if (!schema) return element('span', 'any');
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    const link = element('a', name);
    link.href = `#schema-${name}`;
    link.addEventListener('click', () => { document.getElementById(`schema-${name}`)?.setAttribute('open', ''); });
    return link;
  }
  if (schema.type === 'array') {
    const span = element('span', 'array of ');
    span.append(typeOf(schema.items));
    return span;
  }
  const parts = [schema.type || 'object'];
  if (schema.format) parts.push(`(${schema.format})`);
  if (Array.isArray(schema.enum)) parts.push(`: ${schema.enum.join(' | ')}`);
  return element('span', parts.join(' '));
}

function table(headings, rows) {
  const wrap = element('div', undefined, 'table-scroll');
  const t = element('table');
  const head = element('tr');
  for (const heading of headings) head.append(element('th', heading));
  const thead = element('thead');
  thead.append(head);
  const tbody = element('tbody');
  for (const cells of rows) {
    const tr = element('tr');
    for (const value of cells) {
      const td = element('td');
      td.append(value instanceof Node ? value : document.createTextNode(value ?? ''));
      tr.append(td);
    }
    tbody.append(tr);
  }
  t.append(thead, tbody);
  wrap.append(t);
  return wrap;
}

function bodySchema(content) {
  if (!content) return null;
  const media = content['application/json'] || Object.values(content)[0];
  return media ? media.schema : null;
}

function operationView(path, method, operation) {
  const details = element('details', undefined, 'api-operation');
  details.id = operation.operationId ? `op-${operation.operationId}` : `op-${method}-${path}`;
  const summary = element('summary');
  summary.append(element('span', method.toUpperCase(), `api-method api-${method}`), ' ',
    element('code', path, 'api-path'), ' ', element('span', operation.summary || '', 'api-summary'));
  details.append(summary);
  if (operation.description) details.append(element('p', operation.description));
  const parameters = operation.parameters || [];
  if (parameters.length) {
    details.append(element('h4', 'Parameters'));
    details.append(table(['Name', 'In', 'Type', 'Required'], parameters.map((p) => [
      element('code', p.name), p.in, typeOf(p.schema), p.required ? 'yes' : 'no'])));
  }
  const request = operation.requestBody && bodySchema(operation.requestBody.content);
  if (request) {
    const line = element('p', 'Request body: ');
    line.append(typeOf(request));
    details.append(line);
  }
  const responses = Object.entries(operation.responses || {});
  if (responses.length) {
    details.append(element('h4', 'Answers'));
    details.append(table(['Status', 'Meaning', 'Body'], responses.map(([status, response]) => {
      const schema = bodySchema(response.content);
      return [status, response.description || '', schema ? typeOf(schema) : '—'];
    })));
  }
  return details;
}

function schemaView(name, schema) {
  const section = element('details', undefined, 'api-schema');
  section.id = `schema-${name}`;
  section.append(element('summary', name, 'api-schema-name'));
  if (schema.description) section.append(element('p', schema.description));
  const properties = Object.entries(schema.properties || {});
  const required = new Set(schema.required || []);
  if (properties.length) {
    section.append(table(['Field', 'Type', 'Required'], properties.map(([field, property]) => [
      element('code', field), typeOf(property), required.has(field) ? 'yes' : 'no'])));
  } else {
    const line = element('p', 'Type: ');
    line.append(typeOf(schema));
    section.append(line);
  }
  return section;
}

try {
  const doc = await api('/openapi', { quiet: true });
  const title = doc.info?.title || 'Paddock';
  byId('api-title').textContent = /\bAPI\b/.test(title) ? title : `${title} API`;
  byId('api-summary').textContent = `${doc.info?.description || ''} Version ${doc.info?.version || ''}.`.trim();
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = (operation.tags && operation.tags[0]) || 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operationView(path, method, operation));
    }
  }
  const tags = [...byTag.keys()].sort();
  const nav = byId('api-tags');
  const operations = byId('api-operations');
  for (const tag of tags) {
    const id = `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const link = element('a', tag);
    link.href = `#${id}`;
    nav.append(link);
    const section = element('section', undefined, 'api-section');
    section.id = id;
    section.append(element('h2', `${tag} (${byTag.get(tag).length})`), ...byTag.get(tag));
    operations.append(section);
  }
  const schemas = Object.entries(doc.components?.schemas || {}).sort(([a], [b]) => a.localeCompare(b));
  byId('api-schemas').append(...schemas.map(([name, schema]) => schemaView(name, schema)));
  byId('api-schemas-section').hidden = schemas.length === 0;
} catch {
  byId('api-summary').textContent = 'The API description could not be loaded. The raw document is at /openapi.';
}
