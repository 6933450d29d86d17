// Bokmål by default, English on request; the choice is remembered in this browser.
const KEY = 'rusmonitor.lang';
const texts = {};
let current = 'nb';

export async function loadTexts() {
  const [nb, en] = await Promise.all(['nb', 'en'].map(l => fetch(`dashboard/texts/${l}.json`).then(r => r.json())));
  texts.nb = nb;
  texts.en = en;
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
