// The dashboard: loads the catalogue and values over REST, then follows the live stream and updates in
// place what changed, with a visible mark.
import * as api from './api.js';
import { loadTexts, lang, setLang, t, applyStatic } from './i18n.js';
import { Store, CHANGED_MARK_MS } from './store.js';
import { LiveStream } from './stream.js';
import { NationalView } from './national.js';
import { CountyView } from './counties.js';
import { MunicipalityView } from './municipality.js';
import { CompletenessView, RESPONSE_RATE } from './completeness.js';
import { spoken } from './format.js';
import { resizeAll } from './charts.js';
import { h, clear } from './dom.js';

const $ = id => document.getElementById(id);

const ctx = {
  store: new Store(),
  lang,
  config: { reportServiceUrl: '' },
  catalogue: [],
  years: [],
  year: null,
  counties: [],
  municipalities: [],
  definition: id => ctx.catalogue.find(d => d.id === id),
  loadCounties: () => loadCounties(),
  loadMunicipality: () => loadMunicipality(),
};

const national = new NationalView($('national'), ctx);
const counties = new CountyView($('county-indicator'), $('county-table'), $('county-chart'), $('spread-summary'), ctx);
const municipality = new MunicipalityView($('municipality-form'), $('municipality-input'), $('municipality-list'),
  $('municipality-error'), $('municipality'), ctx);
const completeness = new CompletenessView($('completeness-text'), $('completeness-bar'), ctx);
let connection = 'connecting';

function putAll(values) {
  values.forEach(v => ctx.store.put(v));
}

async function loadNational() {
  const all = await Promise.all(ctx.catalogue.map(d => api.series(d.id, 'country')));
  all.forEach(s => putAll(s.values));
  const years = [...new Set(all.flatMap(s => s.values.map(v => v.year)))].sort();
  if (years.length) ctx.years = years;
}

async function loadCounties() {
  if (!counties.indicatorId) return;
  const series = await api.series(counties.indicatorId, 'county', ctx.year);
  putAll(series.values);
}

async function loadMunicipality() {
  if (!municipality.code) return;
  const [own, county] = await Promise.all([api.areaValues('municipality', municipality.code, ctx.year),
    api.areaValues('county', municipality.countyCode(), ctx.year)]);
  putAll(own.values);
  putAll(county.values);
}

async function loadAreas() {
  const [m, c] = await Promise.all([api.municipalities(ctx.year), api.counties(ctx.year)]);
  ctx.municipalities = m;
  ctx.counties = c;
  municipality.fillList();
}

/** Everything the page shows, again from REST (at start, for another year, and after a 'reset'), one load at a time. */
let loading = Promise.resolve();
function reload() {
  loading = loading.then(loadAll);
  return loading;
}

async function loadAll() {
  try {
    await loadNational();
    await Promise.all([loadAreas(), loadCounties(), loadMunicipality()]);
    renderAll();
  } catch (e) {
    showState('error', t('loadFailed', { error: e.message }));
  }
}

function renderAll() {
  applyStatic();
  fillYears();
  counties.fillSelect();
  national.render();
  counties.render();
  municipality.render();
  completeness.render();
  showState(connection);
}

function fillYears() {
  const select = $('year-select');
  clear(select).append(...ctx.years.map(y => h('option', { value: y, selected: y === ctx.year }, y)));
}

function showState(state, text) {
  if (state !== 'error') connection = state;
  const el = $('connection');
  el.dataset.state = state;
  el.textContent = text || t(state);
}

/** A value from the stream: keep it, mark it and redraw the places that show it. */
function changed(v) {
  const news = ctx.store.isNews(v);
  if (!ctx.store.put(v) || !news) return;
  ctx.store.markChanged(v);
  const atYear = v.year === ctx.year;
  let visible = false;
  if (v.level === 'country') {
    national.update(v.indicatorId);
    visible = true;
  }
  if (atYear && v.indicatorId === counties.indicatorId && v.level !== 'municipality') {
    counties.render();
    visible = true;
  }
  if (municipality.shows(v)) {
    municipality.render();
    visible = true;
  }
  if (atYear && v.indicatorId === RESPONSE_RATE && v.level === 'country') completeness.render();
  if (visible && atYear) {
    const d = ctx.definition(v.indicatorId);
    if (d) $('announcer').textContent = t('announceChanged', { name: d.name[lang()], area: v.areaName || v.areaCode,
      value: spoken(v, d.decimals, d.unit) });
  }
  clearMarkLater();
}

let markTimer = null;
function clearMarkLater() {
  clearTimeout(markTimer);
  markTimer = setTimeout(() => {
    ctx.catalogue.forEach(d => national.update(d.id));
    counties.render();
    municipality.render();
    completeness.render();
  }, CHANGED_MARK_MS + 100);
}

async function start() {
  await loadTexts();
  applyStatic();
  showState('connecting');
  [ctx.config, ctx.catalogue] = await Promise.all([api.config().catch(() => ctx.config), api.catalogue()]);
  // Follow the stream before loading, so that nothing changes unseen in between; the store keeps the newer revision.
  new LiveStream({ change: changed, reload, state: s => showState(s) }).start();
  await loadNational();
  ctx.year = ctx.years[ctx.years.length - 1];
  await reload();
}

$('lang-toggle').addEventListener('click', () => {
  setLang(lang() === 'nb' ? 'en' : 'nb');
  renderAll();
});
$('year-select').addEventListener('change', async event => {
  ctx.year = Number(event.target.value);
  await reload();
});
window.addEventListener('resize', () => resizeAll());

start().catch(e => showState('error', t('loadFailed', { error: e.message })));
