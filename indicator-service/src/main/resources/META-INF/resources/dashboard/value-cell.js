// One value as the page writes it everywhere: the number (or ':' / '..'), what the sign means for screen
// readers and on hover, and the "just changed" mark.
import { h } from './dom.js';
import { isSuppressed, shown, suppressedText, valueText, MISSING } from './format.js';
import { t } from './i18n.js';

export function valueNodes(v, decimals, changed) {
  const text = valueText(v, decimals);
  const nodes = [h('span', { class: 'value', title: isSuppressed(v) ? suppressedText(v) : (text === MISSING ? t('missing') : null) }, text)];
  if (!shown(v)) nodes.push(h('span', { class: 'visually-hidden' }, ` (${isSuppressed(v) ? suppressedText(v) : t('missing')})`));
  if (changed) nodes.push(' ', h('span', { class: 'mark' }, t('justChanged')));
  return nodes;
}
