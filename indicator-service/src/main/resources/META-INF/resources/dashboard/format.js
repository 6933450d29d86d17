// How a value is written: withheld values as ':' and missing ones as '..' (as Statistics Norway does), never as 0.
import { lang, t } from './i18n.js';

export const SUPPRESSED = ':';
export const MISSING = '..';

export function isSuppressed(v) {
  return !!v && !!v.suppressed && v.suppressed !== 'none';
}

/** Why a withheld value is withheld: its own small count, or to protect another one. */
export function suppressedText(v) {
  return t(v.suppressed === 'secondary' ? 'suppressedSecondary' : 'suppressed');
}

/** Whether the value has a number the reader may see. */
export function shown(v) {
  return !!v && !isSuppressed(v) && v.status === 'ok' && typeof v.value === 'number';
}

export function number(x, decimals) {
  return new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'nb-NO', {
    minimumFractionDigits: decimals, maximumFractionDigits: decimals,
  }).format(x);
}

/** The cell's text: a number, ':' or '..'. */
export function valueText(v, decimals) {
  if (isSuppressed(v)) return SUPPRESSED;
  if (!shown(v)) return MISSING;
  return number(v.value, decimals);
}

/** The unit in the reader's language; one the page has no words for (an operator may name any) by its code. */
export function unitText(unit) {
  if (!unit) return '';
  const text = t(`unit.${unit}`);
  return text === `unit.${unit}` ? unit : text;
}

/** The value with its unit, for sentences and screen readers ("15,0 %", "skjermet: ..."). */
export function spoken(v, decimals, unit) {
  if (isSuppressed(v)) return `${SUPPRESSED} (${suppressedText(v)})`;
  if (!shown(v)) return `${MISSING} (${t('missing')})`;
  return `${number(v.value, decimals)} ${unitText(unit)}`.trim();
}
