// The composer, form#composer (data-send-url) with textarea#message-text, input#message-image,
// textarea#message-alt and input[name=clientId]: a normal form that posts, redirects and shows the
// page; this sends it live instead when it can.
//
// The text is kept as a draft in sessionStorage until it is sent, so a reload loses nothing. A text
// goes through the outbox over STOMP. The form posts as without JavaScript when live never connected
// (no WebSocket, blocked), on an older page of the history, and for an empty message (the page
// explains the error in its summary).
//
// Images never travel over STOMP (frames are limited to 64 KiB): with a file chosen, the composer is
// posted with fetch (multipart, the CSRF header, the form's client id) to data-send-url, which
// answers an acknowledgement or a translated refusal in JSON; the message itself comes back by the
// live push like any other, placed by seq. While it goes, it is shown pending and #chat-live says
// data-sending. A refused or failed send keeps the whole draft (text, description, file) and says
// why (data-failed, with the server's reason or data-network).

import { csrfHeaders } from '../live.js';
import { format, read, write } from './common.js';

export function composer({ words, form, textarea, live, showingNewest, draftKey }, { messages, outbox, presence }) {
  const draft = read(draftKey, null);
  if (draft && !textarea.value.trim()) {
    textarea.value = draft;
  }
  textarea.addEventListener('input', () => {
    write(draftKey, textarea.value ? textarea.value : null);
    presence.typed(textarea.value);
  });

  // ---- a message with an image: posted with fetch, never over STOMP ---------------------------

  const fileInput = form.querySelector('#message-image');
  const altInput = form.querySelector('#message-alt');
  const clientIdInput = form.querySelector('input[name="clientId"]');
  let sendingImage = false;

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
    outbox.clearError();
    outbox.showPending({ clientId, text: textarea.value }, words.sending);
    messages.say(words.sending || '');
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
      outbox.acknowledged(answer);
      textarea.value = '';
      altInput.value = '';
      fileInput.value = '';
      write(draftKey, null);
      // The next message is another one; this id stays with the message stored under it.
      clientIdInput.value = crypto.randomUUID();
      textarea.focus();
    } else {
      // Nothing stored: the text, the description and the chosen file stay as they were.
      messages.pendingItem(clientId)?.remove();
      outbox.showError(format(words.failed, (answer && answer.message) || words.network || ''));
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
    outbox.send(text);
    textarea.value = '';
    write(draftKey, null);
    outbox.clearError();
    textarea.focus();
  });
}
