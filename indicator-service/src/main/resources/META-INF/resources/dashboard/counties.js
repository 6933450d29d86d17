// One indicator by county for the chosen year, with the spread of the municipalities' own values
// (count, minimum, quartiles, median, maximum): a table, and a box plot whose text alternative is the table.
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { number, spoken } from './format.js';
import { boxes } from './charts.js';
import { valueNodes } from './value-cell.js';

export class CountyView {
  constructor(select, table, chart, summary, ctx) {
    this.select = select;
    this.table = table;
    this.chart = chart;
    this.summary = summary;
    this.ctx = ctx;
    this.indicatorId = null;
    // The table switches to the indicator once its values are in; until then it shows the one before.
    select.addEventListener('change', () => {
      const chosen = select.value;
      ctx.loadCounties(chosen).then(() => {
        if (select.value !== chosen) return; // another was chosen meanwhile
        this.indicatorId = chosen;
        this.render();
      });
    });
  }

  fillSelect() {
    const lang = this.ctx.lang();
    if (!this.indicatorId) {
      const first = this.ctx.catalogue.find(d => d.personCounts && d.personCounts.length) || this.ctx.catalogue[0];
      this.indicatorId = first && first.id;
    }
    clear(this.select).append(...this.ctx.catalogue.map(d =>
      h('option', { value: d.id, selected: d.id === this.indicatorId }, d.name[lang])));
  }

  render() {
    const d = this.ctx.definition(this.indicatorId);
    if (!d) return;
    const { store, year, counties } = this.ctx;
    const stat = (s, key) => (s ? number(s[key], d.decimals) : '');
    const row = (level, code, name) => {
      const v = store.get(d.id, level, code, year);
      const s = v && v.spread;
      const changed = store.justChanged(d.id, level, code, year);
      return h('tr', { class: changed ? 'changed' : null, dataset: { area: code } },
        h('th', { scope: 'row' }, name),
        h('td', { class: 'num', dataset: { level, area: code, indicator: d.id } }, valueNodes(v, d.decimals, changed)),
        h('td', { class: 'num' }, v && v.expectedCount != null ? t('ofExpected', { reporting: v.reportingCount, expected: v.expectedCount }) : ''),
        ...['min', 'q1', 'median', 'q3', 'max'].map(k => h('td', { class: 'num' }, stat(s, k))));
    };
    clear(this.table).append(
      h('caption', {}, `${d.name[this.ctx.lang()]}, ${year}`),
      h('thead', {}, h('tr', {}, [t('county'), t('value'), t('reported'), t('min'), t('q1'), t('median'), t('q3'), t('max')]
        .map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, counties.map(c => row('county', c.code, c.name))),
      h('tfoot', {}, row('country', 'NO', t('country'))));

    const national = store.get(d.id, 'country', 'NO', year);
    const spread = national && national.spread;
    const value = spoken(national, d.decimals, d.unit);
    this.summary.textContent = spread
      ? t('spreadSummary', { year, value, count: spread.count, min: stat(spread, 'min'), q1: stat(spread, 'q1'),
        median: stat(spread, 'median'), q3: stat(spread, 'q3'), max: stat(spread, 'max') })
      : t('spreadNone', { year, value });
    this.chart.setAttribute('aria-label', t('countyChartLabel'));
    boxes(this.chart, counties.map(c => c.name), counties.map(c => {
      const v = store.get(d.id, 'county', c.code, year);
      return v && v.spread;
    }), d.decimals);
  }
}
