// One indicator by county for the chosen year, with the spread of the municipalities' own values
// (count, minimum, quartiles, median, maximum): a table, and a box plot whose text alternative is the table.
import { h, clear, setText } from './dom.js';
import { t } from './i18n.js';
import { number, spoken, unitText } from './format.js';
import { boxes } from './charts.js';
import { fillValue } from './value-cell.js';

/** How long the reader rests on an indicator in the list before it is loaded (as for the year list). */
const SETTLE_MS = 400;

export class CountyView {
  constructor(select, table, chart, summary, ctx) {
    this.select = select;
    this.table = table;
    this.chart = chart;
    this.summary = summary;
    this.ctx = ctx;
    this.indicatorId = null;
    // The indicator chosen and still loading: the list keeps showing it while the page redraws meanwhile.
    this.chosen = null;
    // The table switches to the indicator once its values are in; until then it shows the one before.
    // Browsers fire 'change' on every arrow key in a closed list: the indicator is loaded once the reader has
    // rested on one for a moment, not once for every one passed on the way (each load waits for the one before).
    select.addEventListener('change', () => {
      const chosen = select.value;
      this.chosen = chosen;
      clearTimeout(this.settling);
      this.settling = setTimeout(() => ctx.loadCounties(chosen).then(() => {
        if (this.chosen !== chosen) return; // another was chosen meanwhile
        this.chosen = null;
        this.indicatorId = chosen;
        this.render();
      }), SETTLE_MS);
    });
  }

  fillSelect() {
    const lang = this.ctx.lang();
    if (!this.indicatorId) {
      const first = this.ctx.catalogue.find(d => d.personCounts && d.personCounts.length) || this.ctx.catalogue[0];
      this.indicatorId = first && first.id;
    }
    // Rebuilt only when the catalogue or the language changed: a rebuilt list would snap the choice back under
    // the reader's arrow keys.
    const options = `${lang} ${this.ctx.catalogue.map(d => `${d.id}=${d.name[lang]}`).join('\n')}`;
    if (options !== this.options) {
      this.options = options;
      clear(this.select).append(...this.ctx.catalogue.map(d => h('option', { value: d.id }, d.name[lang])));
    }
    this.select.value = this.chosen ?? this.indicatorId;
  }

  /**
   * The figures again, in the cells where they are, and the chart: rebuilding the table on every change would
   * take the keyboard's focus and a screen reader's place in it away. Rebuilt only when it shows something else.
   */
  refresh() {
    const d = this.ctx.definition(this.indicatorId);
    const caption = this.table.querySelector('caption');
    if (!d || !caption || this.table.dataset.shows !== this.shows(d)) {
      this.render();
      return;
    }
    this.table.querySelectorAll('tr[data-area]').forEach(tr => this.fillRow(tr, d));
    this.drawSpread(d);
  }

  /** What the table shows: the indicator, its definition's version, the year and the language. */
  shows(d) {
    return `${d.id}|${d.version}|${this.ctx.year}|${this.ctx.lang()}|${this.ctx.counties.length}`;
  }

  render() {
    const d = this.ctx.definition(this.indicatorId);
    if (!d) return;
    const { year, counties } = this.ctx;
    const row = (level, code, name) => this.fillRow(h('tr', { dataset: { area: code, level } },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'num', dataset: { level, area: code, indicator: d.id } }),
      ...Array.from({ length: 6 }, () => h('td', { class: 'num' }))), d);
    // The unit once, in the caption: the value and spread columns are all in it.
    const unit = unitText(d.unit);
    clear(this.table).append(
      h('caption', {}, `${d.name[this.ctx.lang()]}${unit ? ` (${unit})` : ''}, ${year}`),
      h('thead', {}, h('tr', {}, [t('county'), t('value'), t('reported'), t('min'), t('q1'), t('median'), t('q3'), t('max')]
        .map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, counties.map(c => row('county', c.code, c.name))),
      h('tfoot', {}, row('country', 'NO', t('country'))));
    this.table.dataset.shows = this.shows(d);
    this.drawSpread(d);
  }

  /** One row's cells from the store: the value with its mark, how many reported, the spread. */
  fillRow(tr, d) {
    const { store, year } = this.ctx;
    const { level, area } = tr.dataset;
    const v = store.get(d.id, level, area, year);
    const s = v && v.spread;
    const changed = store.justChanged(d.id, level, area, year);
    const stat = key => (s ? number(s[key], d.decimals) : '');
    const texts = [v && v.expectedCount != null ? t('ofExpected', { reporting: v.reportingCount, expected: v.expectedCount }) : '',
      ...['min', 'q1', 'median', 'q3', 'max'].map(stat)];
    tr.classList.toggle('changed', changed);
    const [valueCell, ...others] = tr.querySelectorAll('td');
    fillValue(valueCell, v, d.decimals, changed);
    others.forEach((td, i) => setText(td, texts[i]));
    return tr;
  }

  /** The sentence under the table and the box plot, for the chosen year. */
  drawSpread(d) {
    const { store, year, counties } = this.ctx;
    const national = store.get(d.id, 'country', 'NO', year);
    const spread = national && national.spread;
    const stat = key => (spread ? number(spread[key], d.decimals) : '');
    const value = spoken(national, d.decimals, d.unit);
    const summary = spread
      ? t('spreadSummary', { year, value, count: spread.count, min: stat('min'), q1: stat('q1'),
        median: stat('median'), q3: stat('q3'), max: stat('max') })
      : t('spreadNone', { year, value });
    setText(this.summary, summary);
    this.chart.setAttribute('aria-label', t('countyChartLabel', { name: d.name[this.ctx.lang()], year }));
    boxes(this.chart, counties.map(c => c.name), counties.map(c => {
      const v = store.get(d.id, 'county', c.code, year);
      return v && v.spread;
    }), d.decimals);
  }
}
