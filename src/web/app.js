/*
 * app.js - the page around the library: every number comes from
 * gpucost_call (include/gpucost/call.h), compiled to WebAssembly with the
 * bundled models embedded at /models.  This file only builds requests
 * from what the user picked and typed, and writes the answers into the
 * tables; the charts are the library's own SVG.
 *
 * State lives in the URL's fragment, so a what-if is a link:
 *   #scenario=deepseek-v3&set=hardware=h100&set=gpus=50000
 *   #text=<scenario JSON>&name=mine.json        (a pasted scenario)
 */
'use strict';

const $ = (id) => document.getElementById(id);
const state = { source: null, edits: [] };
let lib = null;
let units = {};

/* One request through the library: {status, text}. */
function call(request) {
  const json = JSON.stringify(request);
  const size = lib.lengthBytesUTF8(json) + 1;
  const req = lib._malloc(size);
  const out = lib._malloc(4);
  lib.stringToUTF8(json, req, size);
  const status = lib._gpucost_call(req, out);
  const resp = lib.getValue(out, 'i32');
  const text = resp ? lib.UTF8ToString(resp) : '{"error": {"message": "out of memory"}}';
  lib._gpucost_call_free(resp);
  lib._free(req);
  lib._free(out);
  return { status, text };
}

class GpucostError extends Error {
  constructor(e) {
    const where = e.file ? e.file + (e.line ? `:${e.line}:${e.column}` : '') : '';
    /* the program's one line: file:line:column: path: message */
    super([where, e.path, e.message].filter(Boolean).join(': ') || 'gpucost: unknown error');
    this.error = e;
  }
}

/* A command's JSON (or text for svg), throwing the library's error. */
function ask(command, extra) {
  const r = call(Object.assign({ command, catalog: '/models/hardware' }, extra));
  if (r.status === 2) throw new GpucostError(JSON.parse(r.text).error);
  return extra && extra.format === 'svg' ? r.text : JSON.parse(r.text);
}

/* The scenario as the request names it, with `sets` and a new `id`. */
function scenario(sets, id) {
  const s = Object.assign({}, state.source);
  if (sets && sets.length) s.set = sets;
  if (id) s.id = id;
  return s;
}

/* ---- numbers ------------------------------------------------------------ */

function compact(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e15 || a < 1e-3)) return v.toExponential(2).replace('e+', 'e');
  for (const [s, m] of [['T', 1e12], ['B', 1e9], ['M', 1e6], ['k', 1e3]])
    if (a >= m) return +(v / m).toPrecision(3) + s;
  return String(+v.toPrecision(3));
}

/* A value of quantity `name` as the tables show it: money in dollars
 * (a unit "/GPU-h" is a price), fractions in percent, else the unit. */
function fmt(v, name) {
  if (typeof v !== 'number') return '—';
  const q = units[name] || { unit: '', domain: '' };
  if (q.unit.startsWith('/') || /usd/.test(name))
    return (v < 0 ? '-$' : '$') + compact(Math.abs(v)) + q.unit;
  if (/fraction/.test(q.domain)) return +(v * 100).toPrecision(3) + '%';
  return compact(v) + (q.unit ? ' ' + q.unit : '');
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {}))
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/* ---- the page ------------------------------------------------------------ */

/* The quantity an edit "NAME=VALUE" sets. */
const nameOf = (edit) => edit.split('=')[0].trim();

function setEdit(assignment) {
  const name = nameOf(assignment);
  state.edits = state.edits.filter((e) => nameOf(e) !== name);
  state.edits.push(assignment.trim());
}

function showError(e) {
  const where = e instanceof GpucostError && !e.error.file ? 'gpucost: ' : '';
  $('error').textContent = e instanceof GpucostError ? where + e.message : 'gpucost: ' + e;
  $('error').hidden = false;
  $('results').hidden = true;
}

function renderDerived(run) {
  const body = $('derived').tBodies[0];
  body.replaceChildren();
  const edited = new Map(state.edits.map((e) => [nameOf(e), e.slice(e.indexOf('=') + 1)]));
  for (const [name, q] of Object.entries(run.quantities)) {
    const input = el('input', { value: edited.get(name) || '', placeholder: typeof q.value === 'number' ? String(+q.value.toPrecision(4)) : '',
      title: `set ${name} (a number like 50k, a range 1..2, or none)` });
    input.addEventListener('change', () => {
      if (input.value.trim() === '') state.edits = state.edits.filter((e) => nameOf(e) !== name);
      else setEdit(`${name}=${input.value.trim()}`);
      update();
    });
    body.append(el('tr', { class: q.origin === 'input' ? 'input' : '', 'data-quantity': name },
      el('td', {}, name),
      el('td', { class: 'num', 'data-value': q.value }, fmt(q.value, name) + (q.per ? ` per ${q.per}` : '')),
      el('td', { class: 'origin' }, q.origin || ''),
      el('td', {}, input)));
  }
  const conflicts = $('conflicts');
  conflicts.replaceChildren(...(run.conflicts || []).map((c) =>
    el('p', { class: 'conflict', 'data-quantity': c.quantity }, 'Conflict: ' + c.message)));
}

function renderClaims(check, id) {
  const rows = check.claims.filter((c) => c.scenario === id);
  $('claims-box').hidden = rows.length === 0;
  $('claims').tBodies[0].replaceChildren(...rows.map((c) => {
    const claimed = c.claimed !== null && c.claimed !== undefined ? fmt(c.claimed, c.quantity)
      : [c.min !== null ? '≥ ' + fmt(c.min, c.quantity) : '', c.max !== null ? '≤ ' + fmt(c.max, c.quantity) : ''].filter(Boolean).join(' ');
    const err = typeof c.rel_error === 'number' && c.claimed !== null ? (c.rel_error * 100).toFixed(2) + '%' : '';
    return el('tr', {},
      el('td', { class: 'status-' + c.status }, c.status),
      el('td', {}, c.quantity || (c.export ? 'export' : '')),
      el('td', { class: 'num' }, claimed),
      el('td', { class: 'num' }, c.computed !== null && c.computed !== undefined ? fmt(c.computed, c.quantity) : ''),
      el('td', { class: 'num' }, err),
      el('td', {}, c.source || ''));
  }));
}

function renderCompare(id) {
  const box = $('compare-box');
  box.hidden = state.edits.length === 0;
  if (box.hidden) return;
  const cmp = ask('compare', { scenarios: [scenario([], null), scenario(state.edits, id + ' what-if')], baseline: id });
  const [base, what] = cmp.scenarios;
  $('compare').tHead.replaceChildren(el('tr', {}, el('th', {}, 'quantity'), el('th', {}, base.id),
    el('th', {}, what.id), el('th', {}, 'ratio')));
  $('compare').tBodies[0].replaceChildren(...cmp.quantities.map((q) => el('tr', { 'data-quantity': q },
    el('td', {}, q),
    el('td', { class: 'num', 'data-value': base.values[q] }, fmt(base.values[q], q)),
    el('td', { class: 'num', 'data-value': what.values[q] }, fmt(what.values[q], q)),
    el('td', { class: 'num' }, what.ratios && typeof what.ratios[q] === 'number' ? '×' + +what.ratios[q].toPrecision(3) : ''))));
}

function renderRange() {
  const box = $('range-box');
  const req = { scenarios: [scenario(state.edits)], samples: 20000 };
  let r;
  try {
    r = ask('range', req);
  } catch (e) {
    if (!(e instanceof GpucostError) || !/nothing is uncertain/.test(e.error.message)) throw e;
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $('range-note').textContent = `${r.samples.toLocaleString('en')} Monte Carlo samples (seed ${r.seed}); uncertain: ${r.inputs.join(', ')}.`;
  $('range').tBodies[0].replaceChildren(...Object.entries(r.quantities).map(([q, s]) => el('tr', {},
    el('td', {}, q), ...['p5', 'p50', 'p95'].map((p) => el('td', { class: 'num' }, fmt(s[p], q))))));
  $('histogram').innerHTML = ask('range', Object.assign({ format: 'svg' }, req));
  $('tornado').innerHTML = ask('range', Object.assign({ format: 'svg', chart: 'tornado' }, req));
}

/* The scenario's chip's export story for China (hardware ID --history):
 * one paragraph per change, as the program prints it. */
function renderExport(run) {
  const box = $('export-box');
  let story;
  try {
    story = run.hardware ? ask('hardware', { id: run.hardware, history: true, format: 'json' }) : null;
  } catch (e) {
    if (!(e instanceof GpucostError)) throw e;
    story = null; /* a chip without rules or a fleet: nothing to tell */
  }
  box.hidden = !story || story.history.length === 0;
  if (box.hidden) return;
  $('export-title').textContent = `Export controls: ${story.id} to ${story.to_name}`;
  $('export-story').replaceChildren(...story.history.map((h) =>
    el('li', { 'data-from': h.from, 'data-status': h.status, 'data-policy': h.policy || '' },
      el('strong', {}, h.from), ': ' + h.text)));
}

function renderEdits() {
  $('edits').replaceChildren(...state.edits.map((e) => {
    const remove = el('button', { type: 'button', title: 'remove' }, '×');
    remove.addEventListener('click', () => { state.edits = state.edits.filter((x) => x !== e); update(); });
    return el('li', {}, el('code', {}, e), remove);
  }));
}

function saveHash() {
  const p = new URLSearchParams();
  if (state.source.text !== undefined) {
    p.set('text', state.source.text);
    p.set('name', state.source.file);
  } else {
    p.set('scenario', state.source.file.replace(/^\/models\/scenarios\//, '').replace(/\.json$/, ''));
  }
  for (const e of state.edits) p.append('set', e);
  history.replaceState(null, '', '#' + p.toString());
}

function update() {
  renderEdits();
  saveHash();
  $('error').hidden = true;
  try {
    const run = ask('run', { scenarios: [scenario(state.edits)] })[0];
    $('title').textContent = run.title || run.id;
    $('subtitle').textContent = `${run.id} · ${run.kind}` + (run.hardware ? ` · ${run.hardware}` : '') +
      (run.precision ? ` · ${run.precision}` : '');
    renderDerived(run);
    const check = ask('check', { scenarios: [scenario(state.edits)] });
    renderClaims(check, run.id);
    renderCompare(run.id);
    renderRange();
    renderExport(run);
    $('results').hidden = false;
  } catch (e) {
    showError(e);
  }
}

function useText(text, name) {
  state.source = { text, file: name || 'pasted.json' };
  state.edits = [];
  $('scenario').value = '';
  update();
}

function fromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.has('text')) {
    state.source = { text: p.get('text'), file: p.get('name') || 'pasted.json' };
    $('paste').value = state.source.text;
  } else {
    const id = p.get('scenario') || 'deepseek-v3';
    state.source = { file: `/models/scenarios/${id}.json` };
    $('scenario').value = id;
  }
  state.edits = p.getAll('set');
}

function start(module) {
  lib = module;
  for (const q of ask('quantities', {})) units[q.name] = q;
  const files = lib.FS.readdir('/models/scenarios').filter((f) => f.endsWith('.json')).sort();
  $('scenario').replaceChildren(el('option', { value: '' }, '(pasted)'),
    ...files.map((f) => el('option', { value: f.slice(0, -5) }, f.slice(0, -5))));
  $('scenario').addEventListener('change', () => {
    if (!$('scenario').value) return;
    state.source = { file: `/models/scenarios/${$('scenario').value}.json` };
    state.edits = [];
    update();
  });
  $('set-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const a of $('set-input').value.split(/[,;\s]+(?=[a-z_0-9]+=)/).filter((s) => s.includes('='))) setEdit(a);
    $('set-input').value = '';
    update();
  });
  $('reset').addEventListener('click', () => { state.edits = []; update(); });
  $('use-paste').addEventListener('click', () => useText($('paste').value, 'pasted.json'));
  $('upload').addEventListener('change', () => {
    const f = $('upload').files[0];
    if (f) f.text().then((t) => { $('paste').value = t; useText(t, f.name); });
  });
  window.addEventListener('hashchange', () => { fromHash(); update(); });
  fromHash();
  update();
  /* from the moment the page was opened: fetching and parsing gpucost.js,
   * compiling the wasm, and the first answer with its tables and charts */
  const ms = Math.round(performance.now());
  document.body.setAttribute('data-ready-ms', ms);
  $('status').textContent = `Ready, with the first answer, ${ms} ms after the page was opened · ` +
    `${ask('hardware', {}).length} accelerators and ${files.length} scenarios bundled.`;
}

/* Built with synchronous compilation (WASM_ASYNC_COMPILATION=0), the
 * factory returns the ready module itself: the page is answered while it
 * loads, before the load event, which is also when headless Chromium's
 * --dump-dom reads it.  A promise (an asynchronous build) works too. */
try {
  Promise.resolve(createGpucost()).then(start, showError);
} catch (e) {
  showError(e);
}
