// Live chat: an enhancement of the conversation page, which works without it (the composer is a
// normal form: post, redirect, page). Loaded by rampe.js for <section data-module="chat">.
//
// What it reads (the server renders every word, this file holds none):
//   on the section: data-conversation, data-last-seq, data-viewer-id, data-viewer-handle,
//     data-viewer-name; words: data-status-connecting, -connected, -reconnecting (with {0} seconds),
//     -offline, -unavailable; data-pending, data-failed ({0} the reason), data-announce ({0} name,
//     {1} text), data-typing ({0}), data-presence-online / -away ({0}), data-edited, data-deleted,
//     data-edit, data-delete, data-report, data-message-of ({0} time), data-report-of ({0} name),
//     data-shortcuts-title, data-shortcuts-enable, data-shortcuts-help, data-announce-image ({0} alt),
//     data-image-full, data-sending, data-network.
//   inside it: ol#messages (li[data-seq] oldest to newest), #chat-live (polite live region),
//     #chat-status (role=status), form#composer (data-send-url) with textarea#message-text,
//     input#message-image, textarea#message-alt, input[name=clientId]; #receipts.
//
// Images never travel over STOMP (frames are limited to 64 KiB): with a file chosen, the composer is
// posted with fetch (multipart, the CSRF header, the form's client id) to data-send-url, which
// answers an acknowledgement or a translated refusal in JSON; the message itself comes back by the
// live push like any other, placed by seq. A refused or failed send keeps the whole draft.
//
// Delivery: each message gets a client id (crypto.randomUUID) and waits in an outbox kept in
// sessionStorage until the server acknowledges it (after storing it). Unacknowledged messages are
// sent again after a reconnect or a silence of 15 s; the server stores a client id once, so a resend
// never makes a second message. Messages are shown once: by seq, whichever way they arrive
// (the push, the catch-up after a reconnect, the page itself).
//
// Accessibility: a message from someone else is appended and announced once in #chat-live
// ("Ana: text"); history is never re-read and focus never moves. The connection state is said in
// words in #chat-status, only when it changes. Typing and presence are plain text, not announced.
// Under prefers-reduced-motion nothing scrolls smoothly. Shortcuts (Ctrl+Enter sends, Alt+Up to
// the messages, Alt+Down back to the composer) can be switched off; the choice is remembered.

import { connection } from './live.js';

const RESEND_AFTER_MS = 15000;
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
const PRESENCE_EVERY_MS = 60000;
const MAX_ANNOUNCED_PER_BATCH = 3;
const SHORTCUTS_KEY = 'rampe.chat.shortcuts';

function format(pattern, ...args) {
  return (pattern || '').replace(/\{(\d)\}/g, (_, i) => (args[Number(i)] ?? ''));
}

function reducedMotion() {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function read(key, fallback) {
  try {
    const value = storage()?.getItem(key);
    return value == null ? fallback : JSON.parse(value);
  } catch {
    return fallback;
  }
}

function write(key, value) {
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

function element(tag, attributes = {}, text = null) {
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

export default function chat(section) {
  const words = section.dataset;
  const conversationId = words.conversation;
  const list = section.querySelector('#messages');
  const liveRegion = section.querySelector('#chat-live');
  const status = section.querySelector('#chat-status');
  const form = section.querySelector('#composer');
  const textarea = section.querySelector('#message-text');
  const viewerId = words.viewerId;
  if (!conversationId || !list) {
    return;
  }
  // An older page of the history (?before=): new messages do not belong under it; the form posts as usual.
  const showingNewest = !section.querySelector('.messages-newer');
  const live = connection();
  if (!live) {
    return;
  }

  const outboxKey = `rampe.outbox.${conversationId}`;
  const draftKey = `rampe.draft.${conversationId}`;
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const shortTime = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
  let outbox = read(outboxKey, []);
  let lastStatus = null;
  let lastTypingSent = 0;
  let typingTimer = null;
  let readTimer = null;

  // ---- the list --------------------------------------------------------------------------------

  function maxSeq() {
    let max = Number(words.lastSeq) || 0;
    for (const li of list.querySelectorAll('li[data-seq]')) {
      max = Math.max(max, Number(li.dataset.seq) || 0);
    }
    return max;
  }

  function render(m) {
    const mine = viewerId && m.authorId === viewerId;
    const li = element('li', { class: mine ? 'message message-mine' : 'message', id: `m-${m.seq}`,
      'data-seq': String(m.seq), 'data-message-id': m.id });
    const article = element('article', { 'aria-labelledby': `m-${m.seq}-by` });
    const meta = element('p', { class: 'message-meta' });
    const author = element('a', { id: `m-${m.seq}-by`, class: 'message-author', dir: 'auto',
      href: m.authorHandle ? `/members/${encodeURIComponent(m.authorHandle)}` : null }, m.authorName || m.authorHandle || '');
    meta.append(author, ' ');
    if (m.createdAt) {
      const when = new Date(m.createdAt);
      meta.append(element('time', { datetime: m.createdAt }, timeFormat.format(when)));
    }
    if (m.editedAt && !m.deleted) {
      meta.append(' ', element('span', { class: 'message-edited' }, words.edited || ''));
    }
    article.append(meta);
    if (m.deleted) {
      article.append(element('p', { class: 'message-deleted' }, words.deleted || ''));
    } else {
      if (m.html) {
        const text = element('div', { class: 'message-text', dir: 'auto' });
        // Safe: the server renders it as it renders posts (escaped text, its own links); never the raw text.
        text.innerHTML = m.html;
        article.append(text);
      }
      if (m.image && m.image.id) {
        const src = `/messages/images/${encodeURIComponent(m.image.id)}.jpg`;
        const link = element('a', { href: src });
        link.append(element('img', { src, alt: m.image.alt || '', width: String(m.image.width || ''),
          height: String(m.image.height || ''), loading: 'lazy' }),
        element('span', { class: 'visually-hidden' }, words.imageFull || ''));
        const figure = element('p', { class: 'message-image' });
        figure.append(link);
        article.append(figure);
      }
      const actions = element('p', { class: 'message-actions' });
      const at = m.createdAt ? shortTime.format(new Date(m.createdAt)) : '';
      if (mine) {
        const base = `/messages/${encodeURIComponent(conversationId)}/m/${encodeURIComponent(m.id)}`;
        const edit = element('a', { href: `${base}/edit` }, words.edit || '');
        edit.append(element('span', { class: 'visually-hidden' }, format(words.messageOf, at)));
        const del = element('a', { href: `${base}/delete` }, words.delete || '');
        del.append(element('span', { class: 'visually-hidden' }, format(words.messageOf, at)));
        actions.append(edit, ' ', del);
      } else {
        const report = element('a', { href: `/report?kind=message&id=${encodeURIComponent(m.id)}` }, words.report || '');
        report.append(element('span', { class: 'visually-hidden' }, format(words.reportOf, m.authorName || '')));
        actions.append(report);
      }
      article.append(actions);
    }
    li.append(article);
    return li;
  }

  function nearBottom() {
    const last = list.lastElementChild;
    if (!last) {
      return true;
    }
    const box = last.getBoundingClientRect();
    return box.top < window.innerHeight;
  }

  /** Puts a message in its place by seq; true when it was new to this page. */
  function upsert(m) {
    if (m.conversationId !== conversationId || !showingNewest) {
      return false;
    }
    const existing = list.querySelector(`li[data-seq="${m.seq}"]`);
    if (existing) {
      if (m.type === 'edited' || (existing.dataset.placeholder && m.type === 'message')) {
        existing.replaceWith(render(m));
      } else if (m.type === 'deleted') {
        // Its place stays, its text goes (as the page shows a deleted message).
        existing.querySelector('.message-text')?.remove();
        existing.querySelector('.message-image')?.remove();
        existing.querySelector('.message-actions')?.remove();
        existing.querySelector('.message-edited')?.remove();
        if (!existing.querySelector('.message-deleted')) {
          existing.querySelector('article')?.append(element('p', { class: 'message-deleted' }, words.deleted || ''));
        }
      }
      return false;
    }
    if (m.type === 'edited' || m.type === 'deleted') {
      return false; // not on this page (older history): nothing to change here
    }
    const pending = m.clientId && m.authorId === viewerId
      ? list.querySelector(`li[data-client-id="${CSS.escape(m.clientId)}"]`) : null;
    const item = render(m);
    const follow = nearBottom();
    if (pending) {
      pending.replaceWith(item);
    } else {
      let after = null;
      for (const li of list.querySelectorAll('li[data-seq]')) {
        if (Number(li.dataset.seq) < m.seq) {
          after = li;
        }
      }
      const firstPending = list.querySelector('li.message-pending');
      if (after) {
        after.after(item);
      } else if (list.firstElementChild && !list.firstElementChild.classList.contains('message-pending')) {
        list.prepend(item);
      } else if (firstPending) {
        firstPending.before(item);
      } else {
        list.append(item);
      }
      // Pending messages stay last: they were written after everything the server has sent.
      for (const p of list.querySelectorAll('li.message-pending')) {
        list.append(p);
      }
    }
    section.querySelector('.messages-empty')?.remove();
    if (follow) {
      item.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
    }
    return true;
  }

  function announce(m) {
    if (!liveRegion) {
      return;
    }
    let text = (m.text || '').replace(/\s+/g, ' ').trim();
    if (m.image && m.image.id) {
      const image = format(words.announceImage, (m.image.alt || '').replace(/\s+/g, ' ').trim());
      text = text ? `${text} (${image})` : image;
    }
    const line = element('p', {}, format(words.announce, m.authorName || m.authorHandle || '', text));
    liveRegion.append(line);
    // Old lines go quietly (removals are not announced), so the region never re-reads anything.
    setTimeout(() => line.remove(), 15000);
  }

  function received(m) {
    const isNew = upsert(m);
    if (isNew && m.authorId !== viewerId) {
      clearTyping();
      return true;
    }
    return false;
  }

  // ---- outbox ------------------------------------------------------------------------------

  function saveOutbox() {
    write(outboxKey, outbox.length ? outbox : null);
  }

  function showPending(entry, mark = words.pending) {
    if (list.querySelector(`li[data-client-id="${CSS.escape(entry.clientId)}"]`)) {
      return;
    }
    const li = element('li', { class: 'message message-mine message-pending', 'data-client-id': entry.clientId });
    const article = element('article');
    const meta = element('p', { class: 'message-meta' });
    meta.append(element('span', { class: 'message-author' }, words.viewerName || ''), ' ',
      element('span', { class: 'message-pending-mark' }, mark || ''));
    article.append(meta, element('div', { class: 'message-text message-text-plain', dir: 'auto' }, entry.text));
    li.append(article);
    list.append(li);
    section.querySelector('.messages-empty')?.remove();
    li.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }

  function transmit(entry) {
    if (live.send(`/app/conversations/${conversationId}/send`, { clientId: entry.clientId, text: entry.text })) {
      entry.sentAt = Date.now();
      saveOutbox();
    }
  }

  function acknowledged(ack) {
    if (ack.conversationId !== conversationId) {
      return;
    }
    outbox = outbox.filter((e) => e.clientId !== ack.clientId);
    saveOutbox();
    const pending = list.querySelector(`li[data-client-id="${CSS.escape(ack.clientId)}"]`);
    if (pending && list.querySelector(`li[data-seq="${ack.seq}"]`)) {
      pending.remove(); // the pushed message is already shown
    } else if (pending) {
      // Stored; its rendered form comes with the push (or the next catch-up), which replaces this one.
      pending.classList.remove('message-pending');
      pending.querySelector('.message-pending-mark')?.remove();
      pending.dataset.seq = String(ack.seq);
      pending.dataset.messageId = ack.id;
      pending.id = `m-${ack.seq}`;
      pending.dataset.placeholder = 'true';
    }
  }

  function refused(error) {
    if (error.conversationId && error.conversationId !== conversationId) {
      return;
    }
    let text = '';
    if (error.clientId) {
      const entry = outbox.find((e) => e.clientId === error.clientId);
      outbox = outbox.filter((e) => e.clientId !== error.clientId);
      saveOutbox();
      list.querySelector(`li[data-client-id="${CSS.escape(error.clientId)}"]`)?.remove();
      text = entry ? entry.text : '';
    }
    if (textarea && text && !textarea.value.trim()) {
      textarea.value = text; // nothing typed is lost
      write(draftKey, text);
    }
    showError(format(words.failed, error.message || ''));
  }

  function showError(text) {
    let box = section.querySelector('#chat-error');
    if (!box) {
      box = element('p', { id: 'chat-error', class: 'error-message', role: 'alert' });
      (form || section).before(box);
    }
    box.textContent = text;
  }

  function clearError() {
    section.querySelector('#chat-error')?.remove();
  }

  // ---- reading, typing, presence, receipts ---------------------------------------------------

  function markRead() {
    if (document.visibilityState !== 'visible') {
      return;
    }
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const seq = maxSeq();
      if (seq > 0) {
        live.send(`/app/conversations/${conversationId}/read`, { seq });
      }
    }, 500);
  }

  function typingBox() {
    let box = section.querySelector('#chat-typing');
    if (!box) {
      box = element('p', { id: 'chat-typing', class: 'chat-typing' });
      (form || list).before(box);
    }
    return box;
  }

  function clearTyping() {
    clearTimeout(typingTimer);
    const box = section.querySelector('#chat-typing');
    if (box) {
      box.textContent = '';
    }
  }

  function someoneTyping(t) {
    if (t.conversationId !== conversationId || t.memberId === viewerId) {
      return;
    }
    typingBox().textContent = format(words.typing, t.name || t.handle || '');
    clearTimeout(typingTimer);
    typingTimer = setTimeout(clearTyping, TYPING_SHOWN_MS);
  }

  function presence(p) {
    if (p.conversationId !== conversationId) {
      return;
    }
    let box = section.querySelector('#chat-presence');
    if (!box) {
      box = element('ul', { id: 'chat-presence', class: 'chat-presence' });
      list.before(box);
    }
    box.replaceChildren(...(p.members || []).map((m) => element('li', {},
      format(m.state === 'online' ? words.presenceOnline : words.presenceAway, m.name || m.handle || ''))));
  }

  /** "Seen by …" under the newest message, as the server words it for this member. */
  function receipt(r) {
    if (r.conversationId !== conversationId || r.newestSeq < maxSeq()) {
      return;
    }
    const box = section.querySelector('#receipts');
    if (box) {
      box.replaceChildren(...(r.seenBy ? [element('p', {}, r.seenBy)] : []));
    }
  }

  // ---- connection state -----------------------------------------------------------------------

  live.onState((state, detail) => {
    let text = null;
    if (state === 'connected') {
      text = words.statusConnected;
    } else if (state === 'reconnecting') {
      text = detail && detail.attempts > 3 ? words.statusOffline : format(words.statusReconnecting, detail ? detail.delay : 1);
    } else if (state === 'unavailable') {
      text = words.statusUnavailable;
    }
    // Said once per change (role=status is read out): not "connecting" at every page load.
    if (text && text !== lastStatus && status) {
      status.textContent = text;
      lastStatus = text;
    }
  });

  live.on('/user/queue/messages', (m) => {
    if (m.type === 'batch') {
      let announced = 0;
      for (const one of m.messages || []) {
        if (received(one) && announced < MAX_ANNOUNCED_PER_BATCH) {
          announce(one);
          announced += 1;
        }
      }
      if (m.more && m.conversationId === conversationId) {
        live.send(`/app/conversations/${conversationId}/catch-up`, { afterSeq: maxSeq() });
      } else if (m.conversationId === conversationId) {
        markRead();
      }
    } else if (received(m)) {
      announce(m);
      markRead();
    }
  });
  live.on('/user/queue/acks', acknowledged);
  live.on('/user/queue/errors', refused);
  live.on('/user/queue/typing', someoneTyping);
  live.on('/user/queue/presence', presence);
  live.on('/user/queue/receipts', receipt);
  live.onConnect(() => {
    if (showingNewest) {
      live.send(`/app/conversations/${conversationId}/catch-up`, { afterSeq: maxSeq() });
    }
    for (const entry of outbox) {
      transmit(entry);
    }
    live.send(`/app/conversations/${conversationId}/presence`, {});
    markRead();
  });

  setInterval(() => {
    const now = Date.now();
    for (const entry of outbox) {
      if (!entry.sentAt || now - entry.sentAt > RESEND_AFTER_MS) {
        transmit(entry);
      }
    }
  }, 5000);
  setInterval(() => {
    if (document.visibilityState === 'visible') {
      live.send(`/app/conversations/${conversationId}/presence`, {});
    }
  }, PRESENCE_EVERY_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      markRead();
    }
  });

  for (const entry of outbox) {
    showPending(entry);
  }

  if (!form || !textarea) {
    return;
  }

  // ---- composer ------------------------------------------------------------------------------

  const draft = read(draftKey, null);
  if (draft && !textarea.value.trim()) {
    textarea.value = draft;
  }
  textarea.addEventListener('input', () => {
    write(draftKey, textarea.value ? textarea.value : null);
    const now = Date.now();
    if (textarea.value.trim() && now - lastTypingSent > TYPING_EVERY_MS) {
      lastTypingSent = now;
      live.send(`/app/conversations/${conversationId}/typing`, {});
    }
  });

  // ---- a message with an image: posted with fetch, never over STOMP ---------------------------

  const fileInput = form.querySelector('#message-image');
  const altInput = form.querySelector('#message-alt');
  const clientIdInput = form.querySelector('input[name="clientId"]');
  let sendingImage = false;

  function csrfHeaders() {
    const token = document.querySelector('meta[name="csrf-token"]')?.content;
    const header = document.querySelector('meta[name="csrf-header"]')?.content || 'X-CSRF-TOKEN';
    return token ? { [header]: token } : {};
  }

  async function sendWithImage() {
    if (sendingImage) {
      return; // one at a time: a second press would only repeat the same client id
    }
    sendingImage = true;
    if (!clientIdInput.value) {
      clientIdInput.value = crypto.randomUUID();
    }
    const clientId = clientIdInput.value;
    const body = new FormData(form);
    clearError();
    showPending({ clientId, text: textarea.value }, words.sending);
    if (liveRegion) {
      const line = element('p', {}, words.sending || '');
      liveRegion.append(line);
      setTimeout(() => line.remove(), 15000);
    }
    let answer = null;
    let ok = false;
    try {
      const response = await fetch(form.dataset.sendUrl, { method: 'POST', body, credentials: 'same-origin',
        headers: { Accept: 'application/json', ...csrfHeaders() } });
      answer = await response.json().catch(() => null);
      ok = response.ok && answer && answer.seq > 0;
    } catch {
      ok = false;
    } finally {
      sendingImage = false;
    }
    if (ok) {
      acknowledged(answer);
      textarea.value = '';
      altInput.value = '';
      fileInput.value = '';
      write(draftKey, null);
      // The next message is another one; this id stays with the message stored under it.
      clientIdInput.value = crypto.randomUUID();
      textarea.focus();
    } else {
      // Nothing stored: the text, the description and the chosen file stay as they were.
      list.querySelector(`li[data-client-id="${CSS.escape(clientId)}"]`)?.remove();
      showError(format(words.failed, (answer && answer.message) || words.network || ''));
    }
  }

  form.addEventListener('submit', (event) => {
    const text = textarea.value;
    const withImage = fileInput && fileInput.files && fileInput.files.length > 0;
    if (withImage && showingNewest && form.dataset.sendUrl && clientIdInput && altInput
        && (live.state === 'connected' || live.state === 'reconnecting')) {
      event.preventDefault();
      sendWithImage();
      return;
    }
    if (withImage) {
      return; // live never connected: the form posts the image as without JavaScript
    }
    // Live never connected (no WebSocket, blocked): the form posts as without JavaScript.
    // An empty message also goes the normal way: the page explains the error in its summary.
    if (!showingNewest || !text.trim() || (live.state !== 'connected' && live.state !== 'reconnecting')) {
      return;
    }
    event.preventDefault();
    const entry = { clientId: crypto.randomUUID(), text, sentAt: 0 };
    outbox.push(entry);
    saveOutbox();
    showPending(entry);
    transmit(entry);
    textarea.value = '';
    write(draftKey, null);
    clearError();
    textarea.focus();
  });

  // ---- keyboard shortcuts (optional, remembered) -----------------------------------------------

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
