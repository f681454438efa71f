// Who is here, who is typing, and who has read what, for this conversation.
//
// Typing ("Ana is typing", data-typing, {0} the name) and presence (data-presence-online /
// data-presence-away, {0} the name) are plain text in #chat-typing and #chat-presence, made the
// first time they are needed; they are not announced. Read receipts ("Seen by …") are worded by the
// server for this member and shown in #receipts under the newest message.
//
// What this page tells the server: the member has read up to the newest message (half a second
// after a message arrives, the page connects or comes back in front; never while it is hidden), is
// typing (at most every 3 s), and is here (on connecting, then every minute while the page is
// visible). "Online" itself is live.js's subscription to /user/queue/here while the page is in front.

import { element, format } from './common.js';

const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;
const PRESENCE_EVERY_MS = 60000;
const READ_AFTER_MS = 500;

export function createPresence({ section, words, conversationId, viewerId, list, form, live }, messages) {
  let lastTypingSent = 0;
  let typingTimer = null;
  let readTimer = null;

  function markRead() {
    if (document.visibilityState !== 'visible') {
      return;
    }
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const seq = messages.maxSeq();
      if (seq > 0) {
        live.send(`/app/conversations/${conversationId}/read`, { seq });
      }
    }, READ_AFTER_MS);
  }

  /** The member typed in the composer: others hear of it, at most every TYPING_EVERY_MS. */
  function typed(text) {
    const now = Date.now();
    if (text.trim() && now - lastTypingSent > TYPING_EVERY_MS) {
      lastTypingSent = now;
      live.send(`/app/conversations/${conversationId}/typing`, {});
    }
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
    if (r.conversationId !== conversationId || r.newestSeq < messages.maxSeq()) {
      return;
    }
    const box = section.querySelector('#receipts');
    if (box) {
      box.replaceChildren(...(r.seenBy ? [element('p', {}, r.seenBy)] : []));
    }
  }

  function sayHere() {
    live.send(`/app/conversations/${conversationId}/presence`, {});
  }

  /** Says "here" every minute and reads what arrived while the page was hidden, whenever it is visible. */
  function keepSayingHere() {
    setInterval(() => {
      if (document.visibilityState === 'visible') {
        sayHere();
      }
    }, PRESENCE_EVERY_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        markRead();
      }
    });
  }

  return { markRead, typed, clearTyping, someoneTyping, presence, receipt, sayHere, keepSayingHere };
}
