// One value as the page writes it everywhere: the number (or ':' / '..'), what the sign means for screen
// readers and on hover, and the "just changed" mark.
import { h, replaceIfChanged } from './dom.js';
import { isSuppressed, shown, suppressedText, valueText, MISSING } from './format.js';
import { t } from './i18n.js';

export function valueNodes(v, decimals, changed) {
  const text = valueText(v, decimals);
  const nodes = [h('span', { class: 'value', title: isSuppressed(v) ? suppressedText(v) : (text === MISSING ? t('missing') : null) }, text)];
  if (!shown(v)) nodes.push(h('span', { class: 'visually-hidden' }, ` (${isSuppressed(v) ? suppressedText(v) : t('missing')})`));
  if (changed) nodes.push(' ', h('span', { class: 'mark' }, t('justChanged')));
  return nodes;
}

/** Writes a value into its cell, leaving the cell as it is when it would read the same. */
export function fillValue(td, v, decimals, changed) {
  return replaceIfChanged(td, valueNodes(v, decimals, changed));
}
