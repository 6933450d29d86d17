// Bokmål by default, English on request; the choice is remembered in this browser.
import { retryDelay } from './stream.js';

const KEY = 'rusmonitor.lang';
const texts = {};
let current = 'nb';

/**
 * Loads both languages' texts, tried again until they come (after 1, 2, 5, then every 10 s): without them the
 * page has nothing to say, and a service that restarts answers for a moment with an error page, not the texts.
 * {@code onFailure} hears of each failed try.
 */
export async function loadTexts(onFailure = () => {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      const [nb, en] = await Promise.all(['nb', 'en'].map(l => fetch(`dashboard/texts/${l}.json`).then(r => {
        if (!r.ok) throw new Error(`the ${l} texts: ${r.status}`);
        return r.json();
      })));
      texts.nb = nb;
      texts.en = en;
      break;
    } catch (e) {
      onFailure(e);
      await new Promise(resolve => setTimeout(resolve, retryDelay(attempt)));
    }
  }
  const saved = safeStorage(() => localStorage.getItem(KEY));
  current = saved === 'en' ? 'en' : 'nb';
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === 'en' ? 'en' : 'nb';
  safeStorage(() => localStorage.setItem(KEY, current));
}

/** The text for a key (dotted for nested ones), with {name} placeholders filled in. */
export function t(key, params = {}) {
  let text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), texts[current]);
  if (text === undefined) text = key;
  return String(text).replace(/\{(\w+)\}/g, (m, name) => (name in params ? params[name] : m));
}

/** Translates the static page: every element with data-i18n, the language toggle, the title and <html lang>. */
export function applyStatic() {
  document.documentElement.lang = current;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = t('langToggleLang');
}

function safeStorage(action) {
  try {
    return action();
  } catch (e) {
    return null; // storage may be off (private mode); the choice then lasts for this page only
  }
}
