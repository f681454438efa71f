// Progressive enhancement: every page works without this file. Each element with a
// data-module attribute gets the behaviour of that name, once.
const modules = {
  // Move focus to the error summary after a failed submit, so a screen reader reads it first
  // (the autofocus attribute does the same without script in most browsers).
  'error-summary': (element) => {
    if (document.activeElement !== element) {
      element.focus();
    }
  },
  // The map of search results, loaded only on pages that have one (Leaflet comes with it).
  'place-map': (element) => import('./place-map.js').then((module) => module.default(element)),
  // The search form's "near" field: address suggestions (a combobox) and "use my position".
  'near-field': (element) => import('./near-field.js').then((module) => module.default(element)),
  // Live messaging (a member's pages only): the header counts, and the conversation page's chat.
  'live-counts': (element) => import('./live.js').then((module) => module.counts(element)),
  chat: (element) => import('./chat.js').then((module) => module.default(element)),
  // Passkeys: adding one on the account's passkeys page, signing in with one on the sign-in page.
  passkeys: (element) => import('./passkeys.js').then((module) => module.register(element)),
  'passkey-sign-in': (element) => import('./passkeys.js').then((module) => module.signIn(element)),
  // "Your data": the progress of an archive being prepared, and a polite word when it is ready.
  'archive-status': (element) => import('./archive-status.js').then((module) => module.default(element)),
  // Administrators' imports: the progress bar of a running import, announced politely now and then.
  'import-progress': (element) => import('./import-progress.js').then((module) => module.default(element)),
};

export function init(root = document) {
  for (const element of root.querySelectorAll('[data-module]')) {
    const names = element.dataset.module.split(/\s+/);
    for (const name of names) {
      const key = `enhanced${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;
      if (modules[name] && !element.dataset[key]) {
        element.dataset[key] = 'true';
        modules[name](element);
      }
    }
  }
}

init();
