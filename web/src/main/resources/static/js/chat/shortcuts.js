// Keyboard shortcuts of the chat: Ctrl+Enter (or Cmd+Enter) sends, from the text or the image's
// description; Alt+Up goes to the messages (ol#messages gets tabindex=-1: a target, not a Tab stop);
// Alt+Down goes back to the composer. They can be switched off with a checkbox placed after the
// form (data-shortcuts-title, data-shortcuts-enable, data-shortcuts-help; none without
// data-shortcuts-enable); the choice is remembered in localStorage.

import { element } from './common.js';

const SHORTCUTS_KEY = 'rampe.chat.shortcuts';

export function shortcuts({ section, words, list, form, textarea }) {
  const altInput = form.querySelector('#message-alt');
  let shortcutsOn = true;
  try {
    shortcutsOn = window.localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    // no storage: on for this page
  }
  if (words.shortcutsEnable) {
    const box = element('div', { class: 'chat-shortcuts' });
    const id = 'chat-shortcuts-toggle';
    const field = element('p', { class: 'checkbox' });
    const checkbox = element('input', { type: 'checkbox', id, 'aria-describedby': 'chat-shortcuts-help' });
    checkbox.checked = shortcutsOn;
    checkbox.addEventListener('change', () => {
      shortcutsOn = checkbox.checked;
      try {
        window.localStorage.setItem(SHORTCUTS_KEY, shortcutsOn ? 'on' : 'off');
      } catch {
        // not remembered, still applied
      }
    });
    field.append(checkbox, ' ', element('label', { for: id }, words.shortcutsEnable));
    box.append(element('h3', { class: 'chat-shortcuts-title' }, words.shortcutsTitle || ''), field,
      element('p', { id: 'chat-shortcuts-help', class: 'hint' }, words.shortcutsHelp || ''));
    form.after(box);
  }
  if (!list.hasAttribute('tabindex')) {
    list.setAttribute('tabindex', '-1'); // a target for Alt+Up, not a Tab stop
  }
  section.addEventListener('keydown', (event) => {
    if (!shortcutsOn) {
      return;
    }
    // Ctrl+Enter sends from the image's description too: it is the last thing written before sending.
    if ((event.target === textarea || (altInput && event.target === altInput)) && event.key === 'Enter'
        && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.altKey && event.key === 'ArrowUp' && event.target === textarea) {
      event.preventDefault();
      list.focus({ preventScroll: false });
    } else if (event.altKey && event.key === 'ArrowDown' && event.target !== textarea) {
      event.preventDefault();
      textarea.focus();
    }
  });
}
