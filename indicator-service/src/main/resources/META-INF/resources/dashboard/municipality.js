// A municipality chosen by name or number: its values for the year next to its county's and the
// country's, and a link to its published profile in report-service, or word that there is none yet.
import { h, clear, setText } from './dom.js';
import { profilePublished } from './api.js';
import { t } from './i18n.js';
import { fillValue } from './value-cell.js';
import { unitText } from './format.js';
import { GOALS } from './national.js';

export class MunicipalityView {
  constructor(form, input, list, error, root, ctx) {
    this.input = input;
    this.list = list;
    this.error = error;
    this.root = root;
    this.ctx = ctx;
    this.code = null;
    /** The last search that did not find one municipality, kept so that its message follows the language. */
    this.search = null;
    /** Whether a profile was published, by "code/year", as last heard from report-service. */
    this.published = new Map();
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.choose(input.value);
    });
  }

  fillList() {
    clear(this.list).append(...this.ctx.municipalities.map(m => h('option', { value: `${m.code} ${m.name}` })));
  }

  /**
   * The municipalities "0301", "Oslo", "oslo" or "0301 Oslo" (as the list offers it) can mean: one, none, or
   * several when the start of a name fits more than one ("Herøy" is in Møre og Romsdal and in Nordland). A name
   * in several languages, "Guovdageaidnu - Kautokeino", is found by any of them ("Kautokeino", "kaut").
   */
  find(query) {
    const q = query.trim().toLocaleLowerCase('nb');
    if (!q) return [];
    const all = this.ctx.municipalities;
    const name = m => m.name.toLocaleLowerCase('nb');
    const names = m => name(m).split(' - ').map(part => part.trim());
    const exact = all.find(m => m.code === q || `${m.code} ${name(m)}` === q) || all.find(m => name(m) === q);
    if (exact) return [exact];
    const named = all.filter(m => names(m).includes(q));
    return named.length ? named : all.filter(m => name(m).startsWith(q) || names(m).some(part => part.startsWith(q)));
  }

  async choose(query) {
    const found = this.find(query);
    this.search = found.length === 1 || !query.trim() ? null : { query: query.trim(), matches: found };
    this.showError();
    if (found.length !== 1) return;
    const code = found[0].code;
    await this.ctx.loadMunicipality(code);
    this.code = code;
    this.render();
  }

  countyCode() {
    return this.code && this.code.slice(0, 2);
  }

  /** Whether a changed value belongs on this view. */
  shows(v) {
    return this.code && v.year === this.ctx.year && ((v.level === 'municipality' && v.areaCode === this.code)
      || (v.level === 'county' && v.areaCode === this.countyCode()) || v.level === 'country');
  }

  showError() {
    const s = this.search;
    const text = !s ? '' : s.matches.length
      ? t('municipalityAmbiguous', { query: s.query, names: s.matches.slice(0, 5).map(m => `${m.name} (${m.code})`).join(', ') })
      : t('municipalityUnknown', { query: s.query });
    // Set only when it differs: the element is an alert, and each render would announce it again.
    setText(this.error, text);
  }

  /** A cell's value and mark, from the store. */
  fill(td) {
    const { store, year } = this.ctx;
    const { indicator, level, area } = td.dataset;
    const d = this.ctx.definition(indicator);
    const changed = store.justChanged(indicator, level, area, year);
    td.classList.toggle('changed', changed);
    fillValue(td, store.get(indicator, level, area, year), d.decimals, changed);
    return td;
  }

  /**
   * The values again, in the cells where they are: rebuilding the table on every change would take the
   * keyboard's focus and a screen reader's place in it away.
   */
  refresh() {
    this.root.querySelectorAll('#municipality-table td[data-indicator]').forEach(td => this.fill(td));
  }

  render() {
    this.showError();
    clear(this.root);
    if (!this.code) return;
    const { year, lang } = this.ctx;
    const m = this.ctx.municipalities.find(x => x.code === this.code) || { code: this.code, name: this.code };
    const county = this.ctx.counties.find(c => c.code === this.countyCode()) || { code: this.countyCode(), name: this.countyCode() };
    const cell = (d, level, code) => this.fill(h('td', { class: 'num', dataset: { level, indicator: d.id, area: code } }));
    const rows = [];
    for (const goal of GOALS) {
      const defs = this.ctx.catalogue.filter(d => d.goal === goal);
      if (!defs.length) continue;
      rows.push(h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: 4 }, t(`goal.${goal}`))));
      for (const d of defs) {
        const unit = unitText(d.unit);
        rows.push(h('tr', { dataset: { indicator: d.id } },
          h('th', { scope: 'row' }, d.name[lang()], unit ? h('span', { class: 'unit' }, ` (${unit})`) : null),
          cell(d, 'municipality', m.code), cell(d, 'county', county.code), cell(d, 'country', 'NO')));
      }
    }
    this.root.append(
      h('h3', { id: 'municipality-name' }, `${m.name} (${m.code})`),
      this.report(m, year),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'municipality-name' },
        h('table', { id: 'municipality-table' },
          h('caption', {}, t('municipalityCaption', { name: m.name, code: m.code, year, county: county.name })),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('indicator')), h('th', { scope: 'col' }, m.name),
            h('th', { scope: 'col' }, county.name), h('th', { scope: 'col' }, t('country')))),
          h('tbody', {}, rows))));
    this.askReportService(m, year);
  }

  /**
   * The link to the municipality's latest published profile; or, where report-service said it has none, word of
   * that, as the link would open only a "not found". Until report-service answers (and where it cannot be asked)
   * the link is shown.
   */
  report(m, year) {
    const { lang } = this.ctx;
    if (this.published.get(`${m.code}/${year}`) === false) {
      return h('p', { id: 'report' }, h('span', { id: 'report-none' }, t('reportNone', { name: m.name, year })));
    }
    const base = this.ctx.config.reportServiceUrl || '';
    const href = `${base}/api/reports/municipalities/${encodeURIComponent(m.code)}/${year}/versions/latest.html?lang=${lang()}`;
    return h('p', { id: 'report' }, h('a', { id: 'report-link', href }, t('reportLink', { name: m.name, year })));
  }

  /**
   * Asks at every render, as an analyst may publish while the page is open; the line is redrawn only when the
   * answer changes it, so that a reader's focus on the link stays where it is.
   */
  async askReportService(m, year) {
    const key = `${m.code}/${year}`;
    const published = await profilePublished(this.ctx.config.reportServiceUrl || '', m.code, year);
    if (published === null || published === this.published.get(key)) return;
    const before = this.published.get(key) === false;
    this.published.set(key, published);
    const line = this.root.querySelector('#report');
    if (line && this.code === m.code && this.ctx.year === year && before !== (published === false)) {
      line.replaceWith(this.report(m, year));
    }
  }
}
