// Small helpers the chat modules share: the server's word patterns, new elements, scrolling
// (never smooth when the member or the system reduces motion) and sessionStorage (the outbox and
// the draft).

import { reducedMotion } from '../motion.js';

export function format(pattern, ...args) {
  return (pattern || '').replace(/\{(\d)\}/g, (_, i) => (args[Number(i)] ?? ''));
}

/** Scrolls a list item into view, as little as needed; smoothly unless motion is reduced. */
export function reveal(item) {
  item.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
}

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function read(key, fallback) {
  try {
    const value = storage()?.getItem(key);
    return value == null ? fallback : JSON.parse(value);
  } catch {
    return fallback;
  }
}

export function write(key, value) {
  try {
    if (value == null) {
      storage()?.removeItem(key);
    } else {
      storage()?.setItem(key, JSON.stringify(value));
    }
  } catch {
    // storage full or refused: the message still goes, only a reload would lose it
  }
}

export function element(tag, attributes = {}, text = null) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value != null) {
      e.setAttribute(name, value);
    }
  }
  if (text != null) {
    e.textContent = text;
  }
  return e;
}
