// Delivery: each message gets a client id (crypto.randomUUID) and waits in an outbox kept in
// sessionStorage until the server acknowledges it (after storing it). Unacknowledged messages are
// sent again after a reconnect or a silence of 15 s; the server stores a client id once, so a resend
// never makes a second message.
//
// A waiting message is shown last in the list, marked with the section's data-pending (a message
// with an image, sent by the composer, with data-sending); the acknowledgement turns it into a
// placeholder at its seq, which the pushed message replaces. A refusal (data-failed, {0} the reason)
// is said in #chat-error (role=alert) and puts the refused text back in an empty composer: nothing
// typed is lost.

import { element, format, read, reveal, write } from './common.js';

const RESEND_AFTER_MS = 15000;
const RESEND_CHECK_EVERY_MS = 5000;

export function createOutbox({ section, words, conversationId, list, form, textarea, live, draftKey }, messages) {
  const outboxKey = `rampe.outbox.${conversationId}`;
  let outbox = read(outboxKey, []);

  function saveOutbox() {
    write(outboxKey, outbox.length ? outbox : null);
  }

  function showPending(entry, mark = words.pending) {
    if (messages.pendingItem(entry.clientId)) {
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
    reveal(li);
  }

  function transmit(entry) {
    if (live.send(`/app/conversations/${conversationId}/send`, { clientId: entry.clientId, text: entry.text })) {
      entry.sentAt = Date.now();
      saveOutbox();
    }
  }

  /** A new message from the composer: kept, shown as pending, sent. */
  function send(text) {
    const entry = { clientId: crypto.randomUUID(), text, sentAt: 0 };
    outbox.push(entry);
    saveOutbox();
    showPending(entry);
    transmit(entry);
  }

  /** Everything still waiting, sent again (after a connect). */
  function transmitAll() {
    for (const entry of outbox) {
      transmit(entry);
    }
  }

  /** What waited when the page was left, shown again. */
  function showAll() {
    for (const entry of outbox) {
      showPending(entry);
    }
  }

  /** Sends again whatever the server has not acknowledged for RESEND_AFTER_MS. */
  function keepResending() {
    setInterval(() => {
      const now = Date.now();
      for (const entry of outbox) {
        if (!entry.sentAt || now - entry.sentAt > RESEND_AFTER_MS) {
          transmit(entry);
        }
      }
    }, RESEND_CHECK_EVERY_MS);
  }

  function acknowledged(ack) {
    if (ack.conversationId !== conversationId) {
      return;
    }
    outbox = outbox.filter((e) => e.clientId !== ack.clientId);
    saveOutbox();
    const pending = messages.pendingItem(ack.clientId);
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
      messages.pendingItem(error.clientId)?.remove();
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

  return { send, showPending, transmitAll, showAll, keepResending, acknowledged, refused, showError, clearError };
}
