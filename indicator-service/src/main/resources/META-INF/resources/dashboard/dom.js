// Builds DOM elements; text always goes in as text nodes, so names from the API can never become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Sets {@code el}'s text unless it reads so already, for the reason {@link replaceIfChanged} gives. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
  return el;
}

/**
 * Puts {@code nodes} into {@code el} in place of what it holds, unless it would read the same: rewritten on every
 * change or expired mark elsewhere, an element would lose a screen reader's place on it.
 */
export function replaceIfChanged(el, ...nodes) {
  const fresh = document.createElement(el.tagName);
  fresh.append(...nodes.flat());
  if (el.innerHTML !== fresh.innerHTML) el.replaceChildren(...fresh.childNodes);
  return el;
}
