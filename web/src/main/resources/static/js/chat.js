// Live chat: an enhancement of the conversation page, which works without it (the composer is a
// normal form: post, redirect, page). Loaded by rampe.js for <section data-module="chat">.
//
// What it reads (the server renders every word, these files hold none):
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
// This file wires the parts together over the page's live connection (live.js) and says the
// connection's state; each part says what it does and which of the above it uses:
//   chat/message-list.js  the messages, placed once by seq, and #chat-live announcements
//   chat/outbox.js        delivery: the outbox, resending, acknowledgements, refusals (#chat-error)
//   chat/presence.js      reading, typing, presence, receipts
//   chat/composer.js      the draft, sending a text live, sending an image with fetch
//   chat/shortcuts.js     the keyboard shortcuts and their switch
//
// Accessibility: the connection state is said in words in #chat-status, only when it changes.
// A message from someone else is announced once; history is never re-read and focus never moves.

import { connection } from './live.js';
import { composer } from './chat/composer.js';
import { format } from './chat/common.js';
import { messageList } from './chat/message-list.js';
import { createOutbox } from './chat/outbox.js';
import { createPresence } from './chat/presence.js';
import { shortcuts } from './chat/shortcuts.js';

const MAX_ANNOUNCED_PER_BATCH = 3;

/** Says the connection's state in #chat-status once per change (role=status is read out), not "connecting" at every page load. */
function sayState(live, status, words) {
  let lastStatus = null;
  live.onState((state, detail) => {
    let text = null;
    if (state === 'connected') {
      text = words.statusConnected;
    } else if (state === 'reconnecting') {
      text = detail && detail.attempts > 3 ? words.statusOffline : format(words.statusReconnecting, detail ? detail.delay : 1);
    } else if (state === 'unavailable') {
      text = words.statusUnavailable;
    }
    if (text && text !== lastStatus && status) {
      status.textContent = text;
      lastStatus = text;
    }
  });
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

  const page = { section, words, conversationId, viewerId, list, liveRegion, form, textarea, showingNewest, live,
    draftKey: `rampe.draft.${conversationId}` };
  const messages = messageList(page);
  const outbox = createOutbox(page, messages);
  const presence = createPresence(page, messages);

  /** True when the message is new here and someone else's: the one to announce. */
  function received(m) {
    const isNew = messages.upsert(m);
    if (isNew && m.authorId !== viewerId) {
      presence.clearTyping();
      return true;
    }
    return false;
  }

  sayState(live, status, words);
  live.on('/user/queue/messages', (m) => {
    if (m.type === 'batch') {
      let announced = 0;
      for (const one of m.messages || []) {
        if (received(one) && announced < MAX_ANNOUNCED_PER_BATCH) {
          messages.announce(one);
          announced += 1;
        }
      }
      if (m.more && m.conversationId === conversationId) {
        live.send(`/app/conversations/${conversationId}/catch-up`, { afterSeq: messages.maxSeq() });
      } else if (m.conversationId === conversationId) {
        presence.markRead();
      }
    } else if (received(m)) {
      messages.announce(m);
      presence.markRead();
    }
  });
  live.on('/user/queue/acks', outbox.acknowledged);
  live.on('/user/queue/errors', outbox.refused);
  live.on('/user/queue/typing', presence.someoneTyping);
  live.on('/user/queue/presence', presence.presence);
  live.on('/user/queue/receipts', presence.receipt);
  live.onConnect(() => {
    if (showingNewest) {
      live.send(`/app/conversations/${conversationId}/catch-up`, { afterSeq: messages.maxSeq() });
    }
    outbox.transmitAll();
    presence.sayHere();
    presence.markRead();
  });

  outbox.keepResending();
  presence.keepSayingHere();
  outbox.showAll();

  if (!form || !textarea) {
    return;
  }
  composer(page, { messages, outbox, presence });
  shortcuts(page);
}
