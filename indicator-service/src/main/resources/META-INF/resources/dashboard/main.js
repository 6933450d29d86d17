// The dashboard: loads the catalogue and values over REST, then follows the live stream and updates in
// place what changed, with a visible mark.
import * as api from './api.js';
import { loadTexts, lang, setLang, t, applyStatic } from './i18n.js';
import { Store } from './store.js';
import { LiveStream, retryDelay } from './stream.js';
import { NationalView } from './national.js';
import { CountyView } from './counties.js';
import { MunicipalityView } from './municipality.js';
import { CompletenessView, RESPONSE_RATE } from './completeness.js';
import { spoken } from './format.js';
import { resizeAll } from './charts.js';
import { h, clear, setText } from './dom.js';

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
  /** Loads what a view is about to show (an indicator, a municipality), after any load under way, for its year. */
  loadCounties: indicatorId => enqueue(() => loadCounties(ctx.year, indicatorId)),
  loadMunicipality: code => enqueue(() => loadMunicipality(ctx.year, code)),
};

const national = new NationalView($('national'), ctx);
const counties = new CountyView($('county-indicator'), $('county-table'), $('county-chart'), $('spread-summary'), ctx);
const municipality = new MunicipalityView($('municipality-form'), $('municipality-input'), $('municipality-list'),
  $('municipality-error'), $('municipality'), ctx);
const completeness = new CompletenessView($('completeness-text'), $('completeness-bar'), ctx);
let connection = 'connecting';

function putAll(values, into) {
  values.forEach(v => into.put(v));
}

async function loadNational(into = ctx.store) {
  // Again at every reload: an operator may have published an indicator, or new names or decimals, since.
  ctx.catalogue = await api.catalogue();
  const all = await Promise.all(ctx.catalogue.map(d => api.series(d.id, 'country')));
  all.forEach(s => putAll(s.values, into));
  const years = [...new Set(all.flatMap(s => s.values.map(v => v.year)))].sort();
  if (years.length) ctx.years = years;
}

async function loadCounties(year = ctx.year, indicatorId = counties.indicatorId, into = ctx.store) {
  if (!indicatorId) return;
  const series = await api.series(indicatorId, 'county', year);
  putAll(series.values, into);
}

async function loadMunicipality(year = ctx.year, code = municipality.code, into = ctx.store) {
  if (!code) return;
  const [own, county] = await Promise.all([api.areaValues('municipality', code, year),
    api.areaValues('county', code.slice(0, 2), year)]);
  putAll(own.values, into);
  putAll(county.values, into);
}

async function loadAreas(year) {
  const [m, c] = await Promise.all([api.municipalities(year), api.counties(year)]);
  ctx.municipalities = m;
  ctx.counties = c;
  municipality.fillList();
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
let loadFailing = false;

/**
 * Runs a load until it succeeds, saying meanwhile that the figures could not be loaded: a page that gave
 * up would go on looking live while it missed what changed.
 */
async function retrying(load) {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await load();
      loadFailing = false;
      showState();
      return result;
    } catch (e) {
      failedToLoad(e);
      await sleep(retryDelay(attempt));
    }
  }
}

/**
 * One load at a time, each retried until it succeeds: a municipality or an indicator chosen while another year
 * loads is loaded for that year, once it is the page's, and a slow earlier choice cannot land after a later one.
 */
let loading = Promise.resolve();
function enqueue(load) {
  loading = loading.then(() => retrying(load));
  return loading;
}

/**
 * Everything the page shows, again from REST (at start, for another year, and after a 'reset'). The year becomes
 * the page's only once its figures are in, so that nothing is drawn for it as missing before they arrive.
 */
function reload(year) {
  return enqueue(() => loadAll(year));
}

/**
 * As reload(), but the figures held so far are let go once the new ones are in: after a 'reset' the service's
 * history is not the one the page followed (its database was restored or made anew), so the revisions held may
 * be higher than the new ones, and merging would keep the old figures.
 */
function reloadAnew() {
  return enqueue(() => loadAll(undefined, new Store()));
}

/** Loads into {@code into}, which becomes the page's store once everything is in. */
async function loadAll(year, into = ctx.store) {
  // Asked again at every load: a page that missed it once (the service restarting) would link to the wrong place.
  ctx.config = await api.config();
  await loadNational(into);
  if (!counties.indicatorId) counties.fillSelect(); // the county section's first indicator, so its figures load too
  // Before any figure exists there is no year to go by: then last year, the newest a survey can be for.
  const target = year ?? ctx.year ?? ctx.years[ctx.years.length - 1] ?? new Date().getFullYear() - 1;
  await Promise.all([loadAreas(target), loadCounties(target, undefined, into), loadMunicipality(target, undefined, into)]);
  ctx.store = into;
  ctx.year = target;
  renderAll();
}

function renderAll() {
  applyStatic();
  fillYears();
  counties.fillSelect();
  national.render();
  counties.render();
  municipality.render();
  completeness.render();
  showState();
}

function fillYears() {
  const select = $('year-select');
  const shown = [...select.options].map(o => Number(o.value));
  // Rebuilt only when the years differ, and never while a year is being chosen: a rebuilt list would snap the
  // choice back to the year on screen under the reader's arrow keys.
  if (shown.length !== ctx.years.length || shown.some((y, i) => y !== ctx.years[i])) {
    clear(select).append(...ctx.years.map(y => h('option', { value: y }, y)));
  }
  if (chosenYear === null) select.value = String(ctx.year);
}

/**
 * Browsers fire 'change' on every arrow key in a closed list: the year is loaded once the reader has rested on
 * one for a moment, not once for every year passed on the way.
 */
let chosenYear = null;
let yearTimer = null;
function chooseYear(year) {
  chosenYear = year;
  clearTimeout(yearTimer);
  yearTimer = setTimeout(() => reload(year).then(() => {
    if (chosenYear === year) {
      chosenYear = null;
      fillYears();
    }
  }), YEAR_SETTLE_MS);
}
const YEAR_SETTLE_MS = 400;

/**
 * A load failed: the page says so in words (the status is read out by screen readers), and the console gets the
 * details ("503 api/indicators/…", the browser's "Failed to fetch").
 */
function failedToLoad(e) {
  console.error('Rusmonitor: loading the figures failed', e);
  loadFailing = true;
  showState();
}

/** The stream's state, or the failed load while there is one; written only when it changes, as it is read out. */
function showState(state) {
  if (state) connection = state;
  const el = $('connection');
  const shownState = loadFailing ? 'error' : connection;
  const text = loadFailing ? t('loadFailed') : t(connection);
  if (el.dataset.state !== shownState) el.dataset.state = shownState;
  setText(el, text);
}

/** A value from the stream: keep it, mark it, and have the places that show it redrawn. */
function changed(v) {
  const newerDefinition = catalogueBehind(v);
  const news = ctx.store.isNews(v);
  if (!ctx.store.put(v) || !news) return;
  ctx.store.markChanged(v);
  // Drawn by the reload under way, with the definition's new name, unit and decimals; not before, with the old.
  if (newerDefinition) return;
  const atYear = v.year === ctx.year;
  let visible = false;
  if (v.level === 'country') {
    redraw.national.add(v.indicatorId);
    visible = true;
  }
  if (atYear && v.indicatorId === counties.indicatorId && v.level !== 'municipality') {
    redraw.counties = true;
    visible = true;
  }
  if (municipality.shows(v)) {
    redraw.municipality = true;
    visible = true;
  }
  if (atYear && v.indicatorId === RESPONSE_RATE && v.level === 'country') redraw.completeness = true;
  redraw.soon();
  const d = ctx.definition(v.indicatorId);
  if (visible && atYear && d) announcer.add(d, v);
}

/**
 * Whether the value was computed by a definition published since the catalogue was loaded: a new version, whose
 * name, unit or decimals may be new, or a new indicator, which has no card yet. Everything is loaded again: once,
 * however many such values come (a definition changes all its values), and once more if one comes that is newer
 * than the catalogue the reload under way may have read.
 */
let catalogueReload = null;
let catalogueStale = false;
/**
 * The definition version each reload under way was started for, by indicator: the catalogue it reads holds at least
 * those (a definition is committed with its values), so the other values of the same publication change nothing.
 */
const reloadingFor = new Map();
/** Indicators the stream named that a fresh catalogue still did not list: not reloaded for again. */
const notInCatalogue = new Set();
function catalogueBehind(v) {
  const d = ctx.definition(v.indicatorId);
  const behind = d ? v.definitionVersion > d.version : ctx.catalogue.length > 0 && !notInCatalogue.has(v.indicatorId);
  if (!behind) return false;
  if (!catalogueReload) {
    reloadCatalogue();
  } else if (!(reloadingFor.get(v.indicatorId) >= v.definitionVersion)) {
    catalogueStale = true;
  }
  reloadingFor.set(v.indicatorId, Math.max(reloadingFor.get(v.indicatorId) || 0, v.definitionVersion));
  return true;
}

function reloadCatalogue() {
  catalogueStale = false;
  catalogueReload = reload().finally(() => {
    catalogueReload = null;
    if (catalogueStale) {
      reloadCatalogue(); // reloadingFor keeps the newest versions seen, which the next catalogue holds
      return;
    }
    for (const id of reloadingFor.keys()) {
      if (!ctx.definition(id)) notInCatalogue.add(id);
    }
    reloadingFor.clear();
  });
}

/**
 * What the changes since the last redraw touch, drawn together a moment later: a submission changes some twenty
 * values and an import thousands, and redrawing charts and tables for each change kept the page from answering.
 */
const REDRAW_MS = 200;
const redraw = {
  national: new Set(),
  counties: false,
  municipality: false,
  completeness: false,
  timer: null,
  soon() {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), REDRAW_MS);
  },
  everything() {
    ctx.catalogue.forEach(d => this.national.add(d.id));
    this.counties = this.municipality = this.completeness = true;
    this.soon();
  },
  flush() {
    // Taken first, so that a view that fails to draw does not stay owed for ever.
    const due = { national: [...this.national], counties: this.counties, municipality: this.municipality, completeness: this.completeness };
    this.timer = null;
    this.national.clear();
    this.counties = this.municipality = this.completeness = false;
    // Each view on its own: one that fails to draw leaves the others drawn.
    const draw = what => { try { what(); } catch (e) { console.error('Could not redraw', e); } };
    due.national.forEach(id => draw(() => national.update(id)));
    if (due.counties) draw(() => counties.refresh());
    if (due.municipality) draw(() => municipality.refresh());
    if (due.completeness) draw(() => completeness.render());
  },
};

/**
 * Tells screen readers what changed on screen, once a second at most: a submission changes some twenty
 * values, and one message for each would keep the reader busy long after.
 */
const announcer = {
  pending: [],
  timer: null,
  add(d, v) {
    this.pending.push({ d, v });
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 1000);
  },
  flush() {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.timer = null;
    if (!first) return;
    const area = first.v.level === 'country' ? t('countryName') : (first.v.areaName || first.v.areaCode);
    const one = t('announceChanged', { name: first.d.name[lang()], area, value: spoken(first.v, first.d.decimals, first.d.unit) });
    $('announcer').textContent = rest.length ? t('announceChangedMore', { first: one, more: rest.length }) : one;
  },
};

// "Just changed" marks end on their own time: every second, whatever mark has had its time is taken off.
setInterval(() => {
  if (ctx.store.expireMarks()) redraw.everything();
}, 1000);

async function start() {
  await loadTexts(() => { $('connection').textContent = 'Kunne ikke laste siden, prøver igjen … / Could not load the page, trying again …'; });
  applyStatic();
  showState('connecting');
  // Follow the stream before loading, and load once the service has said where the stream begins, so that
  // nothing changes unseen in between; the store keeps the newer revision of what both bring.
  const stream = new LiveStream({ change: changed, reload: () => reload(), reset: () => reloadAnew(), state: s => showState(s) });
  stream.start();
  await stream.ready;
  await reload();
}

$('lang-toggle').addEventListener('click', () => {
  setLang(lang() === 'nb' ? 'en' : 'nb');
  // Before the first figures are in there is no year to draw: the page's own words only.
  if (ctx.year === null) {
    applyStatic();
    showState();
  } else {
    renderAll();
  }
});
$('year-select').addEventListener('change', event => chooseYear(Number(event.target.value)));
window.addEventListener('resize', () => resizeAll());

start().catch(failedToLoad);
