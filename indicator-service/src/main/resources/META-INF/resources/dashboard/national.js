// Per goal of the plan: each indicator's national value for the chosen year, with its trend since 2015.
import { h, clear, replaceIfChanged, setText } from './dom.js';
import { t } from './i18n.js';
import { shown, spoken, unitText } from './format.js';
import { trend, disposeIn } from './charts.js';
import { valueNodes } from './value-cell.js';

export const GOALS = ['1', '2', '3', '4', '5', 'effort', 'reporting'];

export class NationalView {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
  }

  render() {
    disposeIn(this.root);
    clear(this.root);
    for (const goal of GOALS) {
      const indicators = this.ctx.catalogue.filter(d => d.goal === goal);
      if (!indicators.length) continue;
      this.root.append(h('section', { class: 'goal', 'aria-labelledby': `goal-${goal}` },
        h('h3', { id: `goal-${goal}` }, t(`goal.${goal}`)),
        h('div', { class: 'cards' }, indicators.map(d => this.card(d)))));
    }
    this.ctx.catalogue.forEach(d => this.update(d.id));
  }

  card(d) {
    const nameId = `name-${d.id.replace(/\W/g, '-')}`;
    return h('article', { class: 'indicator-card', dataset: { indicator: d.id }, 'aria-labelledby': nameId },
      h('h4', { id: nameId }, d.name[this.ctx.lang()]),
      h('p', { class: 'figure' }),
      h('div', { class: 'chart trend', role: 'img' }),
      h('p', { class: 'caption' }));
  }

  /** Writes one indicator's card again from the store: value, mark and trend. */
  update(indicatorId) {
    const card = this.root.querySelector(`.indicator-card[data-indicator="${CSS.escape(indicatorId)}"]`);
    const d = this.ctx.definition(indicatorId);
    if (!card || !d) return;
    const { store, years, year } = this.ctx;
    const v = store.get(d.id, 'country', 'NO', year);
    const changed = store.justChanged(d.id, 'country', 'NO', year);
    card.classList.toggle('changed', changed);
    const unit = unitText(d.unit);
    // A unit after ':' or '..' would read as a measured value; the value's nodes come first.
    const [value, ...rest] = valueNodes(v, d.decimals, changed);
    replaceIfChanged(card.querySelector('.figure'), value, unit && shown(v) ? [' ', h('span', { class: 'unit' }, unit)] : [], rest);
    const series = years.map(y => store.get(d.id, 'country', 'NO', y));
    const chart = card.querySelector('.chart');
    const label = t('trendLabel', {
      from: years[0], to: years[years.length - 1],
      points: years.map((y, i) => `${y}: ${spoken(series[i], d.decimals, d.unit)}`).join('; '),
    });
    if (chart.getAttribute('aria-label') !== label) chart.setAttribute('aria-label', label);
    trend(chart, years, series, d.decimals);
    const caption = t('trendCaption', { from: years[0] });
    const captionEl = card.querySelector('.caption');
    setText(captionEl, caption);
  }
}
