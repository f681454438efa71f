// The conversation's messages: ol#messages (li[data-seq], oldest to newest) and the polite live
// region #chat-live that announces new ones.
//
// Messages are shown once: by seq, whichever way they arrive (the push, the catch-up after a
// reconnect, the page itself). An edited message is drawn again in its place; a deleted one keeps
// its place and loses its text, as the page shows it. A message is drawn as the page draws it, with
// the section's words: data-former (an erased member's messages), data-edited, data-deleted, data-edit, data-delete, data-report,
// data-message-of ({0} time), data-report-of ({0} name), data-image-full. On an older page of the
// history (?before=, .messages-newer present) nothing new is placed.
//
// Accessibility: a message from someone else is appended and announced once in #chat-live
// ("Ana: text", data-announce; an image by data-announce-image, {0} its alt); history is never
// re-read and focus never moves. The list follows a new message only when its end is in view.

import { element, format, reveal } from './common.js';

const SAID_FOR_MS = 15000;

export function messageList({ section, words, conversationId, viewerId, list, liveRegion, showingNewest }) {
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const shortTime = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });

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
      href: m.authorHandle ? `/members/${encodeURIComponent(m.authorHandle)}` : null }, m.authorName || m.authorHandle || words.former || '');
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

  /** The item of a message that waits in the outbox (or is being sent with its image). */
  function pendingItem(clientId) {
    return list.querySelector(`li[data-client-id="${CSS.escape(clientId)}"]`);
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
    const pending = m.clientId && m.authorId === viewerId ? pendingItem(m.clientId) : null;
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
      reveal(item);
    }
    return true;
  }

  /** Says one line in #chat-live. Old lines go quietly (removals are not announced), so the region never re-reads anything. */
  function say(text) {
    if (!liveRegion) {
      return;
    }
    const line = element('p', {}, text);
    liveRegion.append(line);
    setTimeout(() => line.remove(), SAID_FOR_MS);
  }

  function announce(m) {
    let text = (m.text || '').replace(/\s+/g, ' ').trim();
    if (m.image && m.image.id) {
      const image = format(words.announceImage, (m.image.alt || '').replace(/\s+/g, ' ').trim());
      text = text ? `${text} (${image})` : image;
    }
    say(format(words.announce, m.authorName || m.authorHandle || '', text));
  }

  return { maxSeq, pendingItem, upsert, announce, say };
}
