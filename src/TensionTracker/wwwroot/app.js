// TensionTracker dashboard. Plain ES module, no build step.
// Safety rules (the host sends a strict CSP; see README):
//  - every string that comes from the API is put into the DOM as text (textContent / text nodes),
//    never through innerHTML or insertAdjacentHTML;
//  - links only for http(s) URLs, anything else is shown as plain text;
//  - no inline styles or handlers: listeners are added here, colours are SVG attributes or CSSOM.

const SVG_NS = 'http://www.w3.org/2000/svg';
const DAY_MS = 86400000;
const RANKING_ROWS = 25;
const MATRIX_COUNTRIES = 10;
const SERIES_DAYS = 90;
const SPARK_DAYS = 30;
const POLL_MS = 10000;

// ---------------------------------------------------------------- DOM helpers (text only)

const $ = (id) => document.getElementById(id);

/** Creates an element. attrs are set with setAttribute (never on* or style); children may be
 *  nodes, strings (become text nodes), numbers, null/undefined (skipped) or arrays. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'style' || lower === 'href' || lower === 'src') {
      throw new Error(`refusing to set attribute ${name} generically`);
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** The URL if it is an absolute http(s) URL, else null. */
export function safeHttpUrl(value) {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** An <a> for http(s) URLs (opens in a new tab, no referrer), a plain <span> for anything else. */
function linkOrText(url, label) {
  const href = safeHttpUrl(url);
  const text = label ?? url ?? '';
  if (!href) return el('span', { class: 'unlinked', title: 'not an http(s) link' }, String(text));
  const a = el('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }, String(text));
  a.href = href;
  return a;
}

/** Makes a non-interactive element behave like a button: focusable, Enter/Space activate. */
function activatable(node, action, label) {
  node.tabIndex = 0;
  if (!node.getAttribute('role') && node.tagName !== 'TR') node.setAttribute('role', 'button'); // rows stay rows
  if (label) node.setAttribute('aria-label', label);
  node.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('a')) return; // real links keep their own click
    action(e);
  });
  node.addEventListener('keydown', (e) => {
    if (e.target !== node) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action(e);
    }
  });
  return node;
}

// ---------------------------------------------------------------- formatting

const fmt1 = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '—');
/** Index points either way the evidence leaves open: the API's uncertainty, else 25·(1−confidence) as the API computes it. */
const uncertaintyOf = (d) => (isNum(d.uncertainty) ? d.uncertainty : 25 * (1 - (isNum(d.confidence) ? Math.max(0, Math.min(1, d.confidence)) : 0)));
const fmtPm = (d) => '±' + Math.round(uncertaintyOf(d));
/** "62.4 ±23": an index never goes without its uncertainty. */
const fmtIndex = (d) => (isNum(d.tension) ? `${fmt1(d.tension)} ${fmtPm(d)}` : 'no evidence');
const fmt2 = (n) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '—');
const fmtSigned = (n) => (typeof n === 'number' && Number.isFinite(n) ? (n > 0 ? '+' : n < 0 ? '−' : '±') + Math.abs(n).toFixed(1) : '—');
const isNum = (n) => typeof n === 'number' && Number.isFinite(n);

function fmtTime(value) {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** "11-20 10:00" (UTC), for narrow columns; the full time goes in a title. */
function fmtShortTime(value) {
  const full = fmtTime(value);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/.test(full) ? full.slice(5, 16) : full;
}

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

function parseDate(value) {
  if (!value) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value + 'T00:00:00Z' : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function addDays(d, n) {
  return new Date(d.getTime() + n * DAY_MS);
}

// ---------------------------------------------------------------- colour (colour-blind safe)

// Diverging blue-orange (ColorBrewer RdBu blues + PuOr oranges): blue = warm relations,
// near-white = neutral (50), orange/brown = tense. Safe for the common colour-vision deficiencies.
const STOPS = [
  [0, [33, 102, 172]],
  [20, [103, 169, 207]],
  [40, [209, 229, 240]],
  [50, [247, 247, 247]],
  [60, [254, 224, 182]],
  [80, [241, 163, 64]],
  [100, [179, 88, 6]],
];
const NO_DATA = '#d9d9d9';

export function tensionColour(t) {
  if (!isNum(t)) return NO_DATA;
  const v = Math.max(0, Math.min(100, t));
  for (let i = 1; i < STOPS.length; i++) {
    const [x1, c1] = STOPS[i];
    const [x0, c0] = STOPS[i - 1];
    if (v <= x1) {
      const f = (v - x0) / (x1 - x0);
      const c = c0.map((a, k) => Math.round(a + (c1[k] - a) * f));
      return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    }
  }
  return 'rgb(179, 88, 6)';
}

/** Dark or light text over a tension colour. */
function inkFor(t) {
  return isNum(t) && (t < 15 || t > 85) ? '#ffffff' : '#111111';
}

// ---------------------------------------------------------------- countries

const countries = { names: new Map(), numericToAlpha3: new Map() };

async function loadCountries() {
  try {
    const [codes, en] = await Promise.all([
      fetchJson('vendor/i18n-iso-countries/codes.json'),
      fetchJson('vendor/i18n-iso-countries/en.json'),
    ]);
    for (const [alpha2, alpha3, numeric] of codes) {
      const name = en.countries[alpha2];
      countries.names.set(alpha3, Array.isArray(name) ? name[0] : name);
      countries.numericToAlpha3.set(numeric, alpha3);
    }
  } catch (err) {
    console.warn('country names unavailable', err);
  }
  // Codes the product uses outside ISO's list, and friendlier short names.
  countries.names.set('XKX', 'Kosovo');
  const short = { CHN: 'China', TUR: 'Turkey', USA: 'United States', GBR: 'United Kingdom', RUS: 'Russia', KOR: 'South Korea', PRK: 'North Korea', IRN: 'Iran', SYR: 'Syria', VEN: 'Venezuela', TWN: 'Taiwan', PSE: 'Palestine', BOL: 'Bolivia', TZA: 'Tanzania', VNM: 'Vietnam', LAO: 'Laos', MDA: 'Moldova', COD: 'DR Congo' };
  for (const [k, v] of Object.entries(short)) countries.names.set(k, v);
}

const countryName = (code) => countries.names.get(code) ?? code;

function pairLabel(pair, list) {
  const codes = list && list.length === 2 ? list : String(pair).split('-');
  return codes.map(countryName).join(' – ');
}

// ---------------------------------------------------------------- API

class HttpError extends Error {
  constructor(status, url, detail) {
    super(`${status} from ${url}${detail ? ': ' + detail : ''}`);
    this.status = status;
  }
}

async function fetchJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let detail = '';
    try {
      const body = await res.json();
      detail = body.detail || body.title || '';
    } catch { /* not json */ }
    throw new HttpError(res.status, url, detail);
  }
  return res.json();
}

function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') qs.set(k, v);
  const q = qs.toString();
  return fetchJson('api/' + path + (q ? '?' + q : ''));
}

const enc = encodeURIComponent;

// ---------------------------------------------------------------- state in the URL hash

const state = {
  view: 'overview', pair: '', day: '', article: '', hl: '',
  model: '', at: '', known: false, country: '', base: '', candidate: '',
  live: true, models: [], defaultModel: '',
};

const HASH_KEYS = ['view', 'pair', 'day', 'article', 'hl', 'model', 'at', 'known', 'country', 'base', 'candidate'];

function readHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  state.view = ['pair', 'compare'].includes(p.get('view')) ? p.get('view') : 'overview';
  state.pair = (p.get('pair') || '').toUpperCase().replace(/[^A-Z-]/g, '');
  state.day = /^\d{4}-\d{2}-\d{2}$/.test(p.get('day') || '') ? p.get('day') : '';
  state.article = p.get('article') || '';
  state.hl = /^\d+-\d+$/.test(p.get('hl') || '') ? p.get('hl') : '';
  state.model = p.get('model') || '';
  state.at = /^\d{4}-\d{2}-\d{2}$/.test(p.get('at') || '') ? p.get('at') : '';
  state.known = p.get('known') === '1' && !!state.at;
  state.country = (p.get('country') || '').toUpperCase().replace(/[^A-Z]/g, '');
  state.base = p.get('base') || '';
  state.candidate = p.get('candidate') || '';
  if (state.view === 'pair' && !state.pair) state.view = 'overview';
}

function hashFor(changes) {
  const next = { ...pick(state, HASH_KEYS), ...changes };
  const p = new URLSearchParams();
  for (const key of HASH_KEYS) {
    let v = next[key];
    if (key === 'view' && v === 'overview') continue;
    if (key === 'known') v = v && next.at ? '1' : '';
    if (key === 'model' && v === state.defaultModel) continue;
    if (v) p.set(key, v);
  }
  return p.toString();
}

function pick(obj, keys) {
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

function go(changes) {
  const h = hashFor(changes);
  if (location.hash.replace(/^#/, '') === h) {
    route();
  } else {
    document.body.dataset.state = 'loading'; // until the hashchange's render ends (tests wait on this)
    location.hash = h;
  }
}

/** The time parameters every read takes. */
function timeParams() {
  return { at: state.at || undefined, asOf: state.known && state.at ? state.at : undefined };
}

const currentModel = () => state.model || state.defaultModel || undefined;

/** The last day shown on the series: the `at` date or today (UTC). */
function endDay() {
  return parseDate(state.at) ?? parseDate(isoDate(new Date()));
}

// ---------------------------------------------------------------- status, errors, busy flag

let pending = 0;
function busy(delta) {
  pending += delta;
  if (pending > 0) document.body.dataset.state = 'loading';
  else if (document.body.dataset.state !== 'error') document.body.dataset.state = 'ready';
}

function showError(err) {
  const box = $('error');
  if (!err) {
    box.hidden = true;
    box.textContent = '';
    if (document.body.dataset.state === 'error') document.body.dataset.state = pending ? 'loading' : 'ready';
    return;
  }
  console.error(err);
  box.textContent = 'Could not load data: ' + (err.message || String(err));
  box.hidden = false;
  document.body.dataset.state = 'error';
}

function setStatus(text) {
  $('status').textContent = text;
}

// ---------------------------------------------------------------- models and controls

async function loadModels() {
  try {
    const data = await api('models');
    state.models = Array.isArray(data.items) ? data.items : [];
    state.defaultModel = data.default || state.models.find((m) => m.isDefault)?.name || state.models[0]?.name || '';
  } catch (err) {
    state.models = [];
    state.defaultModel = '';
    console.warn('models unavailable', err);
  }
}

function fillModelSelect(select, selected) {
  clear(select);
  for (const m of state.models) {
    const opt = el('option', { value: m.name }, m.name + (m.name === state.defaultModel ? ' (default)' : ''));
    select.append(opt);
  }
  if (!state.models.length) select.append(el('option', { value: state.defaultModel || '' }, state.defaultModel ? state.defaultModel + ' (default)' : 'default model'));
  select.value = selected || state.defaultModel || '';
}

function syncControls() {
  fillModelSelect($('model-select'), currentModel());
  $('model-select').disabled = state.models.length < 2;
  $('at-input').value = state.at;
  $('known-then').checked = state.known;
  $('known-then').disabled = !state.at;
  $('live-toggle').checked = state.live;
  $('nav-overview').setAttribute('aria-current', state.view === 'overview' ? 'page' : 'false');
  $('nav-compare').setAttribute('aria-current', state.view === 'compare' ? 'page' : 'false');
}

function wireControls() {
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('model-select').addEventListener('change', (e) => go({ model: e.target.value }));
  $('at-input').addEventListener('change', (e) => {
    const v = e.target.value;
    go({ at: v, known: v ? state.known : false, day: '' });
  });
  $('known-then').addEventListener('change', (e) => go({ known: e.target.checked }));
  $('now-button').addEventListener('click', () => go({ at: '', known: false, day: '' }));
  $('live-toggle').addEventListener('change', (e) => {
    state.live = e.target.checked;
    startLive();
  });
  $('back-button').addEventListener('click', () => go({ view: 'overview', pair: '', day: '', article: '', hl: '' }));
  $('all-statements').addEventListener('click', () => go({ day: '', article: '', hl: '' }));
  $('map-country').addEventListener('change', (e) => go({ country: e.target.value }));
  $('compare-base').addEventListener('change', (e) => go({ base: e.target.value }));
  $('compare-candidate').addEventListener('change', (e) => go({ candidate: e.target.value }));
  $('nav-overview').href = '#';
  $('home-link').href = '#';
  renderLegend();
}

// ---------------------------------------------------------------- router

let renderToken = 0;

async function route() {
  readHash();
  syncControls();
  const token = ++renderToken;
  for (const v of ['overview', 'pair', 'compare']) $('view-' + v).hidden = state.view !== v;
  showError(null);
  busy(+1);
  try {
    if (state.view === 'pair') await renderPair(token);
    else if (state.view === 'compare') await renderCompare(token);
    else await renderOverview(token, false);
  } catch (err) {
    if (token === renderToken) showError(err);
  } finally {
    busy(-1);
  }
}

const stale = (token) => token !== renderToken;

// ---------------------------------------------------------------- overview

let lastOverviewSignature = '';
let lastDyads = [];

async function renderOverview(token, quiet) {
  const data = await api('dyads', { model: currentModel(), top: 500, ...timeParams() });
  if (stale(token)) return;
  const items = Array.isArray(data.items) ? data.items : [];
  if (!state.models.length && data.model && state.defaultModel !== data.model) {
    state.defaultModel = data.model; // no model list from the host: at least name the model in use
    syncControls();
  }
  const signature = JSON.stringify([currentModel(), state.at, state.known, state.country, items]);
  setStatus(`${data.model || currentModel() || ''} · at ${fmtTime(data.at)}${data.asOf ? ' · as of ' + fmtTime(data.asOf) : ''} · updated ${new Date().toISOString().slice(11, 19)} UTC`);
  if (quiet && signature === lastOverviewSignature) return;
  lastOverviewSignature = signature;
  lastDyads = items;
  // The API's order (default: the evidence behind each pair, by its lower bound), not the bare index.
  const ranked = items.filter((d) => isNum(d.tension));
  const unscored = items.filter((d) => !isNum(d.tension));
  renderRanking(ranked.concat(unscored).slice(0, RANKING_ROWS));
  renderMatrix(items);
  await renderMap(items, token);
  await renderSparklines(ranked.slice(0, RANKING_ROWS), token);
}

function renderRanking(rows) {
  const body = clear($('ranking-body'));
  $('ranking-empty').hidden = rows.length > 0;
  rows.forEach((d, i) => {
    const spark = el('td', { class: 'spark', 'data-pair': d.pair });
    const conf = el('meter', { min: 0, max: 1, value: isNum(d.confidence) ? d.confidence : 0, title: 'confidence ' + fmt2(d.confidence), 'aria-label': 'confidence' });
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = tensionColour(d.tension);
    const tr = el('tr', { class: 'pair-row', 'data-pair': d.pair },
      el('td', { class: 'num' }, i + 1),
      el('td', null, el('span', { class: 'pair-name' }, pairLabel(d.pair, d.countries)), ' ', el('span', { class: 'code' }, d.pair)),
      el('td', { class: 'num tension', title: isNum(d.tension) ? `between ${fmt1(d.lowerBound ?? d.tension - uncertaintyOf(d))} and ${fmt1(Math.min(100, d.tension + uncertaintyOf(d)))}` : '' },
        swatch, ' ', isNum(d.tension) ? fmt1(d.tension) : 'no evidence', isNum(d.tension) ? el('span', { class: 'pm' }, ' ' + fmtPm(d)) : ''),
      el('td', { class: 'num confidence' }, conf, ' ', fmt2(d.confidence)),
      spark,
      el('td', { class: 'num ' + trendClass(d.trend7d) }, fmtSigned(d.trend7d)),
      el('td', { class: 'num ' + trendClass(d.trend30d) }, fmtSigned(d.trend30d)),
      el('td', { class: 'num statements-count' }, d.statements ?? '—'),
      el('td', { class: 'time', title: fmtTime(d.lastStatementAt) }, fmtShortTime(d.lastStatementAt)));
    activatable(tr, () => go({ view: 'pair', pair: d.pair, day: '', article: '', hl: '' }),
      `${pairLabel(d.pair, d.countries)}: tension ${fmtIndex(d)}, confidence ${fmt2(d.confidence)}. Open pair.`);
    body.append(tr);
  });
}

function trendClass(v) {
  return !isNum(v) || Math.abs(v) < 0.05 ? 'flat' : v > 0 ? 'up' : 'down';
}

async function renderSparklines(rows, token) {
  const to = endDay();
  const from = addDays(to, -(SPARK_DAYS - 1));
  const results = await Promise.allSettled(rows.map((d) =>
    api(`dyads/${enc(d.pair)}/series`, { model: currentModel(), from: isoDate(from), to: isoDate(to), asOf: timeParams().asOf })));
  if (stale(token)) return;
  rows.forEach((d, i) => {
    const cell = document.querySelector(`#ranking-body td.spark[data-pair="${CSS.escape(d.pair)}"]`);
    if (!cell) return;
    clear(cell);
    const r = results[i];
    if (r.status !== 'fulfilled') {
      cell.append(el('span', { class: 'muted' }, '—'));
      return;
    }
    cell.append(sparkline(r.value.points || [], from, SPARK_DAYS));
  });
}

/** A small inline SVG of the last days' index on a fixed 0-100 scale, the 50 line dashed. */
function sparkline(points, from, days) {
  const w = 120, h = 28, pad = 2;
  const x = (i) => pad + (i * (w - 2 * pad)) / Math.max(1, days - 1);
  const y = (t) => h - pad - (t / 100) * (h - 2 * pad);
  const byDay = new Map(points.map((p) => [String(p.date).slice(0, 10), p]));
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: 'sparkline', role: 'img' });
  s.append(svg('line', { x1: 0, x2: w, y1: y(50), y2: y(50), class: 'neutral-line' }));
  let d = '';
  let pen = false;
  let last = null;
  let count = 0;
  for (let i = 0; i < days; i++) {
    const p = byDay.get(isoDate(addDays(from, i)));
    if (p && isNum(p.tension)) {
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.tension).toFixed(1)}`;
      pen = true;
      last = [x(i), y(p.tension), p.tension];
      count++;
    } else {
      pen = false;
    }
  }
  s.append(svg('title', null, count ? `${count} days with evidence in the last ${days}; latest ${fmt1(last?.[2])}` : `no evidence in the last ${days} days`));
  if (d) s.append(svg('path', { d, class: 'spark-line' }));
  if (last) s.append(svg('circle', { cx: last[0], cy: last[1], r: 2.5, fill: tensionColour(last[2]), class: 'spark-dot' }));
  return s;
}

function activity(items) {
  const byCountry = new Map();
  for (const d of items) {
    const codes = d.countries && d.countries.length === 2 ? d.countries : String(d.pair).split('-');
    for (const c of codes) byCountry.set(c, (byCountry.get(c) || 0) + (d.statements || 0));
  }
  return [...byCountry.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function pairKey(a, b) {
  return [a, b].sort().join('-');
}

function renderMatrix(items) {
  const wrap = clear($('matrix'));
  const top = activity(items).slice(0, MATRIX_COUNTRIES).map(([c]) => c);
  if (top.length < 2) {
    wrap.append(el('p', { class: 'empty' }, 'Not enough countries yet.'));
    return;
  }
  const byPair = new Map(items.map((d) => [d.pair, d]));
  const table = el('table', { class: 'matrix' });
  table.append(el('caption', { class: 'visually-hidden' }, 'Tension between the most active countries'));
  table.append(el('thead', null, el('tr', null, el('td'), top.map((c) => el('th', { scope: 'col', title: countryName(c) }, c)))));
  const body = el('tbody');
  for (const a of top) {
    const tr = el('tr', null, el('th', { scope: 'row', title: countryName(a) }, a));
    for (const b of top) {
      if (a === b) {
        tr.append(el('td', { class: 'self' }));
        continue;
      }
      const d = byPair.get(pairKey(a, b));
      const td = el('td', { class: 'cell' + (d && isNum(d.tension) ? '' : ' nodata') });
      if (d) {
        td.textContent = isNum(d.tension) ? Math.round(d.tension) : '·';
        if (isNum(d.tension)) td.append(el('small', { class: 'pm' }, fmtPm(d)));
        td.style.backgroundColor = tensionColour(d.tension);
        td.style.color = inkFor(d.tension);
        td.title = `${pairLabel(d.pair, d.countries)}: ${fmtIndex(d)} (confidence ${fmt2(d.confidence)}, ${d.statements ?? 0} statements)`;
        activatable(td, () => go({ view: 'pair', pair: d.pair, day: '', article: '', hl: '' }), td.title);
      } else {
        td.title = `${countryName(a)} – ${countryName(b)}: no evidence`;
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  wrap.append(table);
}

// World map: vendored world-atlas TopoJSON (numeric ISO ids) projected with d3-geo.
let worldFeatures = null;

async function loadWorld() {
  if (worldFeatures) return worldFeatures;
  if (!window.d3?.geoPath || !window.topojson?.feature) throw new Error('map libraries missing');
  const topo = await fetchJson('vendor/world-atlas/countries-110m.json');
  const fc = window.topojson.feature(topo, topo.objects.countries);
  worldFeatures = fc.features
    .filter((f) => f.id !== '010') // Antarctica
    .map((f) => {
      let code = countries.numericToAlpha3.get(String(f.id));
      if (!code && f.properties?.name === 'Kosovo') code = 'XKX';
      return { feature: f, code: code || null, name: f.properties?.name || '' };
    });
  return worldFeatures;
}

async function renderMap(items, token) {
  const act = activity(items);
  const select = $('map-country');
  const present = new Set(act.map(([c]) => c));
  const chosen = present.has(state.country) ? state.country : act[0]?.[0] || '';
  clear(select);
  for (const [c, n] of act) select.append(el('option', { value: c }, `${countryName(c)} (${c}) · ${n} statements`));
  if (!act.length) select.append(el('option', { value: '' }, 'no countries yet'));
  select.value = chosen;
  const wrap = $('map');
  let world;
  try {
    world = await loadWorld();
  } catch (err) {
    clear(wrap).append(el('p', { class: 'empty' }, 'Map unavailable: ' + err.message));
    return;
  }
  if (stale(token)) return;
  const relations = new Map();
  for (const d of items) {
    const codes = d.countries && d.countries.length === 2 ? d.countries : String(d.pair).split('-');
    if (!codes.includes(chosen)) continue;
    const other = codes[0] === chosen ? codes[1] : codes[0];
    relations.set(other, d);
  }
  const w = 720, h = 370;
  const projection = window.d3.geoNaturalEarth1().fitSize([w, h], { type: 'Sphere' });
  const path = window.d3.geoPath(projection);
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, class: 'map', role: 'group', 'aria-label': chosen ? `Relations of ${countryName(chosen)}` : 'World map' });
  s.append(svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }));
  const g = svg('g');
  const focusables = [];
  for (const { feature, code, name } of world) {
    const d = code ? relations.get(code) : null;
    const isChosen = code && code === chosen;
    const p = svg('path', {
      d: path(feature),
      class: 'country' + (isChosen ? ' chosen' : '') + (d ? ' related' : ''),
      fill: isChosen ? '#3b3b3b' : d ? tensionColour(d.tension) : NO_DATA,
      'data-code': code || '',
    });
    const label = isChosen ? `${countryName(code)} (selected)`
      : d ? `${countryName(code)}: tension with ${countryName(chosen)} ${fmtIndex(d)}, confidence ${fmt2(d.confidence)}, ${d.statements ?? 0} statements`
        : `${code ? countryName(code) : name}: no evidence`;
    p.append(svg('title', null, label));
    if (d) {
      activatable(p, () => go({ view: 'pair', pair: d.pair, day: '', article: '', hl: '' }), label);
      focusables.push([d.tension ?? -1, p]);
    } else if (code && present.has(code)) {
      activatable(p, () => go({ country: code }), `${countryName(code)}: show its relations`);
    }
    g.append(p);
  }
  s.append(g);
  clear(wrap).append(s);
  $('map-note').textContent = chosen
    ? `${countryName(chosen)} is dark; other countries are coloured by their pair's tension with it (${relations.size} with evidence). Select a coloured country to open the pair, or another country to re-centre.`
    : 'No evidence yet.';
}

function renderLegend() {
  const w = 300, h = 12;
  const s = svg('svg', { viewBox: `0 0 ${w + 120} ${h + 18}`, width: w + 120, height: h + 18, role: 'img', 'aria-label': 'Colour scale: blue is warm (0), white neutral (50), orange tense (100); grey no evidence' });
  for (let i = 0; i < 50; i++) s.append(svg('rect', { x: (i * w) / 50, y: 0, width: w / 50 + 0.5, height: h, fill: tensionColour(i * 2 + 1) }));
  s.append(svg('rect', { x: w + 20, y: 0, width: 14, height: h, fill: NO_DATA }));
  s.append(svg('text', { x: 0, y: h + 14, class: 'legend-text' }, '0 warm'));
  s.append(svg('text', { x: w / 2, y: h + 14, class: 'legend-text', 'text-anchor': 'middle' }, '50 neutral'));
  s.append(svg('text', { x: w, y: h + 14, class: 'legend-text', 'text-anchor': 'end' }, '100 tense'));
  s.append(svg('text', { x: w + 38, y: h - 2, class: 'legend-text' }, 'no evidence'));
  clear($('legend')).append(s);
}

// ---------------------------------------------------------------- pair view

async function renderPair(token) {
  const pair = state.pair;
  const to = endDay();
  const from = addDays(to, -(SERIES_DAYS - 1));
  // A pair without evidence (404) still gets its page: the statements and an article may be asked for.
  const [detailResult, seriesResult] = await Promise.allSettled([
    api(`dyads/${enc(pair)}`, { model: currentModel(), ...timeParams() }),
    api(`dyads/${enc(pair)}/series`, { model: currentModel(), from: isoDate(from), to: isoDate(to), asOf: timeParams().asOf }),
  ]);
  if (stale(token)) return;
  for (const r of [detailResult, seriesResult]) {
    if (r.status === 'rejected' && !(r.reason instanceof HttpError && r.reason.status === 404)) throw r.reason;
  }
  const detail = detailResult.status === 'fulfilled' ? detailResult.value : { pair, tension: null, directed: [] };
  const series = seriesResult.status === 'fulfilled' ? seriesResult.value : { points: [] };
  const key = detail.pair || pair;
  if (!state.models.length && detail.model && state.defaultModel !== detail.model) {
    state.defaultModel = detail.model;
    syncControls();
  }
  lastPairSignature = JSON.stringify([state.pair, currentModel(), state.at, state.known, detail, series.points]);
  $('pair-title').textContent = `${pairLabel(key, detail.countries)} (${key})`;
  document.title = `${key} · TensionTracker`;
  renderPairSummary(detail);
  renderSeries(series.points || [], from, SERIES_DAYS, key);
  renderDirected(detail);
  await renderStatements(token, key);
  if (stale(token)) return;
  if (state.article) await renderArticle(token);
  else $('article').hidden = true;
}

function renderPairSummary(d) {
  const box = clear($('pair-summary'));
  const swatch = el('span', { class: 'swatch big', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = tensionColour(d.tension);
  box.append(
    el('span', { class: 'figure', id: 'pair-tension' }, swatch, ' ', isNum(d.tension) ? fmt1(d.tension) : 'no evidence',
      isNum(d.tension) ? el('span', { class: 'pm', id: 'pair-uncertainty', title: 'index points either way the evidence leaves open' }, ' ' + fmtPm(d)) : ''),
    el('span', null, 'confidence ', el('strong', { id: 'pair-confidence' }, fmt2(d.confidence))),
    el('span', null, 'statements ', el('strong', null, d.statements ?? '—')),
    el('span', null, '7 days ', el('strong', { class: trendClass(d.trend7d) }, fmtSigned(d.trend7d))),
    el('span', null, '30 days ', el('strong', { class: trendClass(d.trend30d) }, fmtSigned(d.trend30d))),
    el('span', null, 'last statement ', el('strong', null, fmtTime(d.lastStatementAt))),
  );
}

/** Daily series: line for the index, a band that widens as confidence falls (±25·(1−confidence)
 *  points), bars for the number of statements, focusable points that list the day's statements. */
function renderSeries(points, from, days, pair) {
  const wrap = clear($('series'));
  const W = 760, H = 300, L = 36, R = 12, T = 10, B = 72, BARS = 34;
  const plotH = H - T - B;
  const x = (i) => L + (i * (W - L - R)) / Math.max(1, days - 1);
  const y = (t) => T + plotH - (Math.max(0, Math.min(100, t)) / 100) * plotH;
  const byDay = new Map(points.map((p) => [String(p.date).slice(0, 10), p]));
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'series', role: 'group', 'aria-label': `Daily tension for ${pair}, last ${days} days` });
  for (const t of [0, 25, 50, 75, 100]) {
    s.append(svg('line', { x1: L, x2: W - R, y1: y(t), y2: y(t), class: t === 50 ? 'neutral-line' : 'grid-line' }));
    s.append(svg('text', { x: L - 6, y: y(t) + 4, class: 'axis-text', 'text-anchor': 'end' }, t));
  }
  const maxStatements = Math.max(1, ...points.map((p) => p.statements || 0));
  const segments = [];
  let seg = [];
  const days_ = [];
  for (let i = 0; i < days; i++) {
    const day = isoDate(addDays(from, i));
    const p = byDay.get(day);
    days_.push([i, day, p]);
    if (p && isNum(p.tension)) seg.push([i, p]);
    else if (seg.length) { segments.push(seg); seg = []; }
    if (i % 15 === 0 || i === days - 1) {
      s.append(svg('text', { x: x(i), y: H - 6, class: 'axis-text', 'text-anchor': i === 0 ? 'start' : i === days - 1 ? 'end' : 'middle' }, day.slice(5)));
    }
  }
  if (seg.length) segments.push(seg);
  // statements per day
  for (const [i, , p] of days_) {
    if (!p || !p.statements) continue;
    const bh = (p.statements / maxStatements) * BARS;
    s.append(svg('rect', { x: x(i) - 2, y: H - 22 - bh, width: 4, height: bh, class: 'count-bar' }));
  }
  s.append(svg('text', { x: L, y: H - 22 - BARS - 4, class: 'axis-text' }, `statements per day (max ${maxStatements})`));
  // band + line
  for (const sg of segments) {
    const half = (p) => 25 * (1 - (isNum(p.confidence) ? Math.max(0, Math.min(1, p.confidence)) : 0));
    const upper = sg.map(([i, p]) => `${x(i).toFixed(1)},${y(p.tension + half(p)).toFixed(1)}`);
    const lower = sg.slice().reverse().map(([i, p]) => `${x(i).toFixed(1)},${y(p.tension - half(p)).toFixed(1)}`);
    const bandPoints = sg.length === 1
      ? [`${(x(sg[0][0]) - 3).toFixed(1)},${y(sg[0][1].tension + half(sg[0][1])).toFixed(1)}`, `${(x(sg[0][0]) + 3).toFixed(1)},${y(sg[0][1].tension + half(sg[0][1])).toFixed(1)}`,
        `${(x(sg[0][0]) + 3).toFixed(1)},${y(sg[0][1].tension - half(sg[0][1])).toFixed(1)}`, `${(x(sg[0][0]) - 3).toFixed(1)},${y(sg[0][1].tension - half(sg[0][1])).toFixed(1)}`]
      : upper.concat(lower);
    s.append(svg('polygon', { points: bandPoints.join(' '), class: 'band' }));
    s.append(svg('polyline', { points: sg.map(([i, p]) => `${x(i).toFixed(1)},${y(p.tension).toFixed(1)}`).join(' '), class: 'series-line' }));
  }
  const pointsGroup = svg('g', { class: 'points' });
  for (const [i, day, p] of days_) {
    if (!p || !isNum(p.tension)) continue;
    const c = svg('circle', {
      cx: x(i), cy: y(p.tension), r: day === state.day ? 6 : 4,
      fill: tensionColour(p.tension), class: 'point' + (day === state.day ? ' selected' : ''), 'data-date': day,
      'data-statements': p.statements ?? 0,
    });
    const label = `${day}: tension ${fmtIndex(p)}, confidence ${fmt2(p.confidence)}, ${p.statements ?? 0} statements`;
    c.append(svg('title', null, label));
    activatable(c, () => go({ day, article: '', hl: '' }), label + '. List statements.');
    pointsGroup.append(c);
  }
  s.append(pointsGroup);
  if (!segments.length) s.append(svg('text', { x: W / 2, y: T + plotH / 2, class: 'axis-text', 'text-anchor': 'middle' }, 'no evidence in this period'));
  wrap.append(s);
}

function renderDirected(detail) {
  const box = clear($('directed'));
  const items = Array.isArray(detail.directed) ? detail.directed : [];
  if (!items.length) {
    box.append(el('p', { class: 'empty' }, 'No directed components.'));
    return;
  }
  for (const d of items) {
    const bar = el('span', { class: 'bar-fill' });
    bar.style.width = (isNum(d.tension) ? Math.max(0, Math.min(100, d.tension)) : 0) + '%';
    bar.style.backgroundColor = tensionColour(d.tension);
    box.append(el('div', { class: 'directed-row' },
      el('div', { class: 'directed-label' }, `${countryName(d.from)} about ${countryName(d.to)}`, ' ', el('span', { class: 'code' }, `${d.from}>${d.to}`)),
      el('div', { class: 'bar', role: 'img', 'aria-label': `tension ${fmtIndex(d)}` }, bar, el('span', { class: 'bar-mid', 'aria-hidden': 'true' })),
      el('div', { class: 'directed-figures' }, fmtIndex(d), ` · confidence ${fmt2(d.confidence)} · ${d.statements ?? 0} statements`)));
  }
}

async function renderStatements(token, pair) {
  const params = { model: currentModel(), limit: 100, asOf: timeParams().asOf };
  if (state.day) {
    params.from = state.day + 'T00:00:00Z';
    params.to = state.day + 'T23:59:59.999Z';
  } else if (state.at) {
    params.to = state.at + 'T23:59:59.999Z';
  }
  const data = await api(`dyads/${enc(pair)}/statements`, params);
  if (stale(token)) return;
  const items = Array.isArray(data.items) ? data.items : [];
  $('statements-scope').textContent = state.day
    ? `Statements published on ${state.day} (UTC), ${items.length} shown. Select one (Enter) to read it in its article.`
    : `Statements behind the index${state.at ? ' up to ' + state.at : ''}, heaviest first, ${items.length} shown. Select one (Enter) to read it in its article.`;
  $('all-statements').hidden = !state.day;
  $('statements-empty').hidden = items.length > 0;
  $('statements-empty').textContent = state.day
    ? `No statements were published on ${state.day}: that day's index carries earlier evidence forward (with decay).`
    : 'No statements in this range.';
  const list = clear($('statements'));
  for (const st of items) {
    const li = el('li', { class: 'statement' + (state.article === st.articleId && state.hl === `${st.start}-${st.end}` ? ' current' : '') },
      el('blockquote', { class: 'quote' }, st.text ?? ''),
      el('div', { class: 'statement-meta' },
        el('span', { class: 'speaker' }, st.speaker || 'unattributed'),
        st.speakerRole && !(st.speakerRole === 'unattributed' && !st.speaker) ? el('span', { class: 'role' }, st.speakerRole) : null,
        el('span', { class: 'country' }, `${st.speakerCountry ? countryName(st.speakerCountry) : 'no state'} → ${st.targetCountry ? countryName(st.targetCountry) : '?'}`),
        el('span', { class: 'tone ' + toneClass(st.tone) }, 'tone ', fmt2(st.tone)),
        el('span', { class: 'stance ' + toneClass(st.stance) }, 'stance ', fmt2(st.stance)),
        el('span', { class: 'weight', title: 'salience × directness × section' }, 'weight ', fmt2(st.weight)),
        isNum(st.contribution) ? el('span', { class: 'weight', title: 'weight after recency decay at the chosen time' }, 'now ', fmt2(st.contribution)) : null,
        el('span', { class: 'outlet' }, st.outlet || 'unknown outlet'),
        el('span', { class: 'source' }, linkOrText(st.url, st.title || st.url || '')),
        el('time', { datetime: st.publishedAt || '' }, fmtTime(st.publishedAt))));
    if (st.articleId) {
      activatable(li, () => go({ article: st.articleId, hl: isNum(st.start) && isNum(st.end) ? `${st.start}-${st.end}` : '' }),
        `${st.speaker || 'unattributed'}: ${st.text ?? ''}. Open in article.`);
    }
    list.append(li);
  }
}

function toneClass(v) {
  return !isNum(v) ? '' : v <= -0.2 ? 'neg' : v >= 0.2 ? 'pos' : 'neu';
}

async function renderArticle(token) {
  const box = $('article');
  const a = await api(`articles/${enc(state.article)}`);
  if (stale(token)) return;
  box.hidden = false;
  $('article-title').textContent = a.title || '(untitled article)';
  const meta = clear($('article-meta'));
  const row = (k, v) => meta.append(el('dt', null, k), el('dd', null, v));
  row('Outlet', a.outlet || '—');
  row('Source', linkOrText(a.url, a.url || '—'));
  row('Published', fmtTime(a.publishedAt));
  row('Language', a.language || '—');
  row('Status', a.status ? a.status + (a.reason ? ` (${a.reason})` : '') : '—');

  const text = (a.title ?? '') + '\n\n' + (a.body ?? '');
  const body = clear($('article-text'));
  let [start, end] = state.hl ? state.hl.split('-').map(Number) : [NaN, NaN];
  const valid = isNum(start) && isNum(end) && start >= 0 && end > start && end <= text.length;
  if (!valid) {
    start = end = NaN;
  }
  let mark = null;
  if (valid) {
    mark = el('mark', { id: 'highlight', tabindex: '-1' }, text.slice(start, end));
    body.append(text.slice(0, start), mark, text.slice(end));
  } else {
    body.append(text);
  }
  const list = clear($('article-statements'));
  for (const st of Array.isArray(a.statements) ? a.statements : []) {
    const scores = Object.entries(st.scores || {}).map(([m, sc]) => `${m}: tone ${fmt2(sc?.tone)}, stance ${fmt2(sc?.stance)}${sc?.class ? ', ' + sc.class : ''}`);
    const li = el('li', { class: 'statement small' },
      el('q', null, st.text ?? ''),
      el('div', { class: 'statement-meta' },
        el('span', { class: 'speaker' }, st.speaker || 'unattributed'),
        st.speakerRole ? el('span', { class: 'role' }, st.speakerRole) : null,
        el('span', { class: 'country' }, `${st.speakerCountry || 'no state'} → ${(st.targets || []).join(', ') || '?'}`),
        scores.map((s) => el('span', { class: 'score' }, s))));
    if (isNum(st.start) && isNum(st.end)) {
      activatable(li, () => go({ hl: `${st.start}-${st.end}` }), `Highlight: ${st.text ?? ''}`);
    }
    list.append(li);
  }
  (mark || $('article-title')).scrollIntoView({ block: 'center' });
  (mark || $('article-title')).focus({ preventScroll: true });
}

// ---------------------------------------------------------------- model comparison

async function renderCompare(token) {
  const names = state.models.map((m) => m.name);
  const base = names.includes(state.base) ? state.base : state.defaultModel || names[0] || '';
  const others = state.models.filter((m) => m.name !== base)
    .sort((a, b) => String(b.registeredAt || '').localeCompare(String(a.registeredAt || '')));
  const candidate = names.includes(state.candidate) && state.candidate !== base ? state.candidate : others[0]?.name || '';
  fillModelSelect($('compare-base'), base);
  fillModelSelect($('compare-candidate'), candidate);
  renderMetrics([base, candidate]);
  const body = clear($('compare-body'));
  if (!base || !candidate || base === candidate) {
    $('compare-summary').textContent = names.length < 2 ? 'Only one model is registered: nothing to compare yet.' : 'Choose two different models.';
    $('compare-empty').hidden = false;
    return;
  }
  const data = await api('compare', { base, candidate });
  if (stale(token)) return;
  const items = (Array.isArray(data.items) ? data.items : []).slice().sort((a, b) => {
    const da = isNum(a.difference) ? Math.abs(a.difference) : -1;
    const db = isNum(b.difference) ? Math.abs(b.difference) : -1;
    return db - da || String(a.pair).localeCompare(String(b.pair));
  });
  $('compare-summary').textContent = `${items.length} pairs · rank correlation ${fmt2(data.rankCorrelation)} · biggest disagreements first`;
  $('compare-empty').hidden = items.length > 0;
  for (const it of items) {
    const bars = el('div', { class: 'pair-bars' }, miniBar(it.base, 'base'), miniBar(it.candidate, 'candidate'));
    const tr = el('tr', { class: 'compare-row', 'data-pair': it.pair },
      el('td', null, pairLabel(it.pair), ' ', el('span', { class: 'code' }, it.pair)),
      el('td', { class: 'num' }, fmtIndex({ tension: it.base, confidence: it.baseConfidence })),
      el('td', { class: 'num' }, fmtIndex({ tension: it.candidate, confidence: it.candidateConfidence })),
      el('td', { class: 'num ' + trendClass(it.difference) }, fmtSigned(it.difference)),
      el('td', null, bars));
    activatable(tr, () => go({ view: 'pair', pair: it.pair, model: candidate, day: '', article: '', hl: '' }),
      `${it.pair}: ${base} ${fmt1(it.base)}, ${candidate} ${fmt1(it.candidate)}. Open pair under ${candidate}.`);
    body.append(tr);
  }
}

function miniBar(v, cls) {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = (isNum(v) ? Math.max(0, Math.min(100, v)) : 0) + '%';
  fill.style.backgroundColor = tensionColour(v);
  return el('div', { class: 'bar thin ' + cls, title: `${cls} ${fmt1(v)}` }, fill, el('span', { class: 'bar-mid', 'aria-hidden': 'true' }));
}

function renderMetrics(names) {
  const box = clear($('model-metrics'));
  const models = names.map((n) => state.models.find((m) => m.name === n)).filter(Boolean);
  if (!models.length) return;
  const keys = [...new Set(models.flatMap((m) => Object.keys(m.metrics || {})))].sort();
  const table = el('table', { class: 'metrics-table' },
    el('caption', null, 'Model metrics'),
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'metric'), models.map((m) => el('th', { scope: 'col' }, m.name + (m.isDefault ? ' (default)' : ''))))),
    el('tbody', null,
      el('tr', null, el('th', { scope: 'row' }, 'registered'), models.map((m) => el('td', null, fmtTime(m.registeredAt)))),
      keys.map((k) => el('tr', null, el('th', { scope: 'row' }, k), models.map((m) => {
        const v = m.metrics?.[k];
        return el('td', { class: 'num' }, isNum(v) ? (Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(1)) : v ?? '—');
      })))));
  box.append(table);
  for (const m of models) if (m.card) box.append(modelCard(m));
}

// The model's card: every evaluation set with its figures, the calibration table, speed, memory, data and command.
function modelCard(m) {
  const c = m.card;
  const num = (v) => (isNum(v) ? (Math.abs(v) < 10 ? v.toFixed(3) : Math.round(v).toLocaleString('en')) : v ?? '—');
  const rows = (obj) => Object.entries(obj || {}).map(([k, v]) => el('tr', null, el('th', { scope: 'row' }, k), el('td', { class: 'num' }, num(v))));
  const sets = Object.entries(c.metrics || {}).map(([set, figures]) =>
    el('table', { class: 'metrics-table' }, el('caption', null, set), el('tbody', null, rows(figures))));
  const calibration = Array.isArray(c.calibration_table) && c.calibration_table.length
    ? el('table', { class: 'metrics-table card-calibration' }, el('caption', null, 'Calibration (held-out documents)'),
      el('thead', null, el('tr', null, ['bin', 'n', 'mean predicted', 'observed'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, c.calibration_table.map((b) => el('tr', null, el('td', null, `${b.lower}–${b.upper}`),
        el('td', { class: 'num' }, String(b.count)), el('td', { class: 'num' }, num(b.mean_predicted)), el('td', { class: 'num' }, num(b.observed))))))
    : null;
  const data = el('ul', null, (c.data_files || []).map((f) => el('li', null, `${f.path}: ${f.rows} rows (${f.train_rows} train, ${f.held_out_rows} held out)`)));
  return el('details', { class: 'model-card', 'data-model': m.name },
    el('summary', null, `Model card: ${m.name}`),
    sets, calibration,
    c.speed ? el('table', { class: 'metrics-table' }, el('caption', null, 'Speed'), el('tbody', null, rows(c.speed))) : null,
    c.memory ? el('table', { class: 'metrics-table' }, el('caption', null, 'Memory'), el('tbody', null, rows(c.memory))) : null,
    el('p', null, 'Training data'), data,
    el('p', null, 'Command'), el('pre', { class: 'code' }, c.command || '—'));
}

// ---------------------------------------------------------------- live refresh

let pollTimer = null;
let lastPairSignature = '';
let events = null;
let liveBusy = false;

async function refreshQuietly() {
  if (!state.live || liveBusy || document.hidden || pending > 0) return;
  liveBusy = true;
  try {
    const token = renderToken;
    if (state.view === 'overview') await renderOverview(token, true);
    else if (state.view === 'pair') {
      const to = endDay();
      const from = addDays(to, -(SERIES_DAYS - 1));
      const [detail, series] = await Promise.all([
        api(`dyads/${enc(state.pair)}`, { model: currentModel(), ...timeParams() }),
        api(`dyads/${enc(state.pair)}/series`, { model: currentModel(), from: isoDate(from), to: isoDate(to), asOf: timeParams().asOf }),
      ]);
      if (stale(token)) return;
      const signature = JSON.stringify([state.pair, currentModel(), state.at, state.known, detail, series.points]);
      if (signature !== lastPairSignature) {
        lastPairSignature = signature;
        const focused = document.activeElement?.getAttribute?.('data-date');
        renderPairSummary(detail);
        renderSeries(series.points || [], from, SERIES_DAYS, detail.pair || state.pair);
        renderDirected(detail);
        if (focused) document.querySelector(`#series circle[data-date="${CSS.escape(focused)}"]`)?.focus();
      }
      setStatus(`${currentModel() || ''} · updated ${new Date().toISOString().slice(11, 19)} UTC`);
    }
  } catch (err) {
    setStatus('refresh failed: ' + err.message);
  } finally {
    liveBusy = false;
  }
}

function startLive() {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
  if (events) events.close();
  events = null;
  if (!state.live) return;
  // Polling is the baseline; a server-sent event stream, where the host offers one, refreshes sooner.
  pollTimer = setInterval(refreshQuietly, POLL_MS);
  if ('EventSource' in window) {
    let opened = false;
    const es = new EventSource('api/events/stream');
    es.onopen = () => { opened = true; };
    es.onmessage = () => refreshQuietly();
    es.onerror = () => {
      if (!opened) es.close(); // no stream on this host: keep polling only
    };
    events = es;
  }
}

// ---------------------------------------------------------------- start

async function main() {
  busy(+1);
  try {
    wireControls();
    await Promise.all([loadCountries(), loadModels()]);
    window.addEventListener('hashchange', route);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshQuietly(); });
    await route();
    startLive();
  } catch (err) {
    showError(err);
  } finally {
    busy(-1);
  }
}

main();
