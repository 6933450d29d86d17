// How many municipalities have submitted for the year: the indicator reporting.response_rate, live.
import { t } from './i18n.js';
import { setText } from './dom.js';
import { number, shown } from './format.js';

export const RESPONSE_RATE = 'reporting.response_rate';

export class CompletenessView {
  constructor(text, bar, ctx) {
    this.text = text;
    this.bar = bar;
    this.ctx = ctx;
  }

  render() {
    const { store, year } = this.ctx;
    const v = store.get(RESPONSE_RATE, 'country', 'NO', year);
    const changed = store.justChanged(RESPONSE_RATE, 'country', 'NO', year);
    this.text.parentElement.classList.toggle('changed', changed);
    if (!shown(v) || v.denominator == null) {
      setText(this.text, t('completenessNone', { year }));
      // Hidden, not drawn at 0: a missing rate is not a rate of nought.
      this.bar.hidden = true;
      return;
    }
    setText(this.text, t('completeness', { submitted: number(v.numerator, 0), expected: number(v.denominator, 0), year,
      rate: `${number(v.value, 1)} %` }));
    this.bar.value = v.value;
    this.bar.hidden = false;
  }
}
