/*
 * app.js - the page around the library: every number comes from
 * gpucost_call (include/gpucost/call.h), compiled to WebAssembly with the
 * bundled models embedded at /models.  This file only builds requests
 * from what the user picked and typed and places the answers: tables,
 * numbers and charts are the library's own HTML and SVG (format "html",
 * as `gpucost run --format html` writes them), so a value reads as the
 * program prints it; this file formats no number.  Each update asks
 * once per section: run, compare (with edits), range (percentiles,
 * tornado and both charts from one computation), the edited scenario
 * (format "scenario", to download) and the chip's export story.
 *
 * State lives in the URL's fragment, so a what-if is a link:
 *   #scenario=deepseek-v3&set=hardware=h100&set=gpus=50000
 *   #text=<scenario JSON>&name=mine.json        (a pasted scenario)
 *   &case=llama3-405b                            (a reconcile case shown)
 */
'use strict';

const $ = (id) => document.getElementById(id);
const state = { source: null, edits: [] };
let lib = null;

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

/* A command's JSON, throwing the library's error. */
function ask(command, extra) {
  const r = call(Object.assign({ command, catalog: '/models/hardware' }, extra));
  if (r.status === 2) throw new GpucostError(JSON.parse(r.text).error);
  return JSON.parse(r.text);
}

/* The scenario as the request names it, with `sets` and a new `id`. */
function scenario(sets, id) {
  const s = Object.assign({}, state.source);
  if (sets && sets.length) s.set = sets;
  if (id) s.id = id;
  return s;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {}))
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/* The library's HTML (format "html": its tables as the program prints
 * them, each value's exact number in data-value) into box `id`. */
function html(id, command, extra) {
  const r = call(Object.assign({ command, catalog: '/models/hardware', format: 'html' }, extra));
  if (r.status === 2) throw new GpucostError(JSON.parse(r.text).error);
  $(id).innerHTML = r.text;
  return $(id);
}

/* Each row of a library table named by its first cell (data-quantity). */
function nameRows(table) {
  for (const tr of table.tBodies[0].rows) tr.setAttribute('data-quantity', tr.cells[0].textContent);
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

/* run: the scenario's quantities, notes and claims as the program's run
 * shows them; each row gets a box to set its quantity. */
function renderRun() {
  const box = html('run', 'run', { scenarios: [scenario(state.edits)] });
  const table = box.querySelector('table.quantities');
  table.id = 'derived';
  nameRows(table);
  table.tHead.rows[0].append(el('th', {}, 'set to'));
  const edited = new Map(state.edits.map((e) => [nameOf(e), e.slice(e.indexOf('=') + 1)]));
  for (const tr of table.tBodies[0].rows) {
    const name = tr.getAttribute('data-quantity');
    if (tr.cells[2].textContent === 'input') tr.className = 'input';
    /* the hint is the value as the table reads it; the box takes the --set grammar */
    const input = el('input', { value: edited.get(name) || '', placeholder: tr.cells[1].textContent,
      title: `set ${name} (a number like 50k, a range 1..2, or none)` });
    input.addEventListener('change', () => {
      if (input.value.trim() === '') state.edits = state.edits.filter((e) => nameOf(e) !== name);
      else setEdit(`${name}=${input.value.trim()}`);
      update();
    });
    tr.append(el('td', {}, input));
  }
  const claims = box.querySelector('table.claims');
  if (claims) claims.id = 'claims';
}

function renderCompare(id) {
  $('compare-box').hidden = state.edits.length === 0;
  if ($('compare-box').hidden) return;
  const box = html('compare', 'compare', { scenarios: [scenario([], null), scenario(state.edits, id + ' what-if')], baseline: id });
  const table = box.querySelector('table.comparison');
  table.id = 'compare-table';
  nameRows(table);
}

/* range: percentiles, tornado and both charts from one computation. */
function renderRange() {
  try {
    html('range', 'range', { scenarios: [scenario(state.edits)], samples: 20000 });
  } catch (e) {
    if (!(e instanceof GpucostError) || !/nothing is uncertain/.test(e.error.message)) throw e;
    $('range-box').hidden = true;
    return;
  }
  $('range-box').hidden = false;
}

/* The scenario's chip's export story for China (hardware ID --history):
 * one paragraph per change, as the program prints it. */
function renderExport(hardware) {
  const box = $('export-box');
  let story;
  try {
    story = hardware ? ask('hardware', { id: hardware, history: true, format: 'json' }) : null;
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

/* A word as a POSIX shell reads it: quoted unless plainly safe. */
const shellWord = (w) => (/^[A-Za-z0-9_./=,:+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/* The scenario as edited (run's format "scenario": the file with the
 * what-if written into its inputs), to download, and the command line
 * that gives the same numbers from the file as it came.  Returns the
 * edited scenario, parsed. */
function renderSave() {
  const r = call({ command: 'run', catalog: '/models/hardware', format: 'scenario', scenarios: [scenario(state.edits)] });
  if (r.status === 2) throw new GpucostError(JSON.parse(r.text).error);
  const edited = JSON.parse(r.text);
  const name = `${edited.id}${state.edits.length ? '-edited' : ''}.json`;
  const link = $('download');
  link.href = 'data:application/json;charset=utf-8,' + encodeURIComponent(r.text);
  link.download = name;
  const file = state.source.text !== undefined ? state.source.file : state.source.file.replace(/^\//, '');
  $('command').textContent = ['gpucost', 'run', file, ...state.edits.flatMap((e) => ['--set', e])].map(shellWord).join(' ');
  $('check-command').textContent = `gpucost check ${shellWord(name)}`;
  return edited;
}

function renderEdits() {
  $('edits').replaceChildren(...state.edits.map((e) => {
    const remove = el('button', { type: 'button', title: 'remove' }, '×');
    remove.addEventListener('click', () => { state.edits = state.edits.filter((x) => x !== e); update(); });
    return el('li', {}, el('code', {}, e), remove);
  }));
}

/* reconcile: one bundled case (models/cases), fitted as the program does. */
function renderCase() {
  const name = $('case').value;
  $('reconcile').replaceChildren();
  if (!name) return;
  try {
    html('reconcile', 'reconcile', { scenarios: [`/models/cases/${name}.json`] });
  } catch (e) {
    $('reconcile').textContent = e.message;
  }
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
  if ($('case').value) p.set('case', $('case').value);
  history.replaceState(null, '', '#' + p.toString());
}

function update() {
  renderEdits();
  saveHash();
  $('error').hidden = true;
  try {
    renderRun();
    const edited = renderSave();
    renderCompare(edited.id);
    renderRange();
    renderExport(edited.inputs && edited.inputs.hardware);
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
  if (($('case').value || '') !== (p.get('case') || '')) {
    $('case').value = p.get('case') || '';
    renderCase();
  }
}

/* The names of the bundled *.json in `dir`, sorted, without ".json". */
const bundled = (dir) => lib.FS.readdir(dir).filter((f) => f.endsWith('.json')).sort().map((f) => f.slice(0, -5));

function start(module) {
  lib = module;
  const files = bundled('/models/scenarios');
  $('scenario').replaceChildren(el('option', { value: '' }, '(pasted)'),
    ...files.map((f) => el('option', { value: f }, f)));
  $('case').replaceChildren(el('option', { value: '' }, '(pick a case)'),
    ...bundled('/models/cases').map((f) => el('option', { value: f }, f)));
  $('scenario').addEventListener('change', () => {
    if (!$('scenario').value) return;
    state.source = { file: `/models/scenarios/${$('scenario').value}.json` };
    state.edits = [];
    update();
  });
  $('case').addEventListener('change', () => { renderCase(); saveHash(); });
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
    `${ask('hardware', {}).length} accelerators, ${files.length} scenarios and ${$('case').options.length - 1} cases bundled.`;
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
