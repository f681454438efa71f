// The live connection of a signed-in member: one STOMP session over the site's own WebSocket
// (/ws), shared by everything on the page that wants live updates (the header counts, chat.js).
// Everything works without it: pages are complete when they load, and forms post as usual.
//
// What it reads from the page:
//   <meta name="csrf-token"> and <meta name="csrf-header">  sent on CONNECT (the server requires it)
// What it offers: on(destination, handler) subscribes (again after each reconnect),
// onState(listener) hears 'connecting' | 'connected' | 'reconnecting' | 'unavailable',
// send(destination, body) returns false when not connected; and csrfHeaders(), the same token as a
// header for a fetch (chat/composer.js posts images with it).
//
// The connection reconnects by itself with growing delays (1 s doubling to 30 s). When the server
// refuses the session itself (a stale CSRF token, signed out, suspended), it stops: a reload helps,
// retrying does not.

import { Client, ReconnectionTimeMode } from '../webjars/stomp__stompjs/esm6/index.js';

const handlers = new Map(); // destination -> Set of handlers
const subscriptions = new Map(); // destination -> StompSubscription (current connection)
const stateListeners = new Set();
const connectListeners = new Set();
let client = null;
let state = 'connecting';
let everConnected = false;
let attempts = 0;

function meta(name) {
  const element = document.querySelector(`meta[name="${name}"]`);
  return element ? element.content : null;
}

function setState(next, detail) {
  state = next;
  for (const listener of stateListeners) {
    listener(next, detail);
  }
}

function subscribe(destination) {
  if (!client || !client.connected || subscriptions.has(destination)) {
    return;
  }
  subscriptions.set(destination, client.subscribe(destination, (frame) => {
    let body;
    try {
      body = JSON.parse(frame.body);
    } catch {
      return;
    }
    for (const handler of handlers.get(destination) || []) {
      handler(body);
    }
  }));
}

/** Subscribed only while the page is in front of the member: that is what "online" means to others. */
function followVisibility() {
  const here = '/user/queue/here';
  if (!client || !client.connected) {
    return;
  }
  if (document.visibilityState === 'visible') {
    if (!subscriptions.has(here)) {
      subscriptions.set(here, client.subscribe(here, () => {}));
    }
  } else if (subscriptions.has(here)) {
    subscriptions.get(here).unsubscribe();
    subscriptions.delete(here);
  }
}

/** The page's CSRF token (members' pages only) and the header that carries it. */
function csrf() {
  return { token: meta('csrf-token'), header: meta('csrf-header') || 'X-CSRF-TOKEN' };
}

/** The CSRF header for a request of this page; none on a page without a token. */
export function csrfHeaders() {
  const { token, header } = csrf();
  return token ? { [header]: token } : {};
}

/** Starts the connection once per page; null when the page is not a member's (no CSRF token). */
export function connection() {
  if (client) {
    return api;
  }
  const { token, header } = csrf();
  if (!token || !('WebSocket' in window)) {
    return null;
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  client = new Client({
    brokerURL: `${scheme}://${window.location.host}/ws`,
    connectHeaders: { [header]: token },
    reconnectDelay: 1000,
    reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,
    maxReconnectDelay: 30000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  client.onConnect = () => {
    everConnected = true;
    attempts = 0;
    subscriptions.clear();
    for (const destination of handlers.keys()) {
      subscribe(destination);
    }
    followVisibility();
    setState('connected');
    for (const listener of connectListeners) {
      listener();
    }
  };
  client.onWebSocketClose = () => {
    subscriptions.clear();
    if (state === 'unavailable') {
      return;
    }
    attempts += 1;
    const delay = Math.min(30, 2 ** Math.min(attempts - 1, 5));
    setState(everConnected ? 'reconnecting' : 'connecting', { attempts, delay });
  };
  client.onStompError = (frame) => {
    // csrf, forbidden, suspended: the session itself is refused; retrying would only repeat it.
    const reason = frame.headers.message || 'error';
    if (reason === 'csrf' || reason === 'forbidden' || reason === 'suspended') {
      setState('unavailable', { reason });
      client.deactivate();
    }
  };
  document.addEventListener('visibilitychange', followVisibility);
  setState('connecting');
  client.activate();
  return api;
}

const api = {
  on(destination, handler) {
    if (!handlers.has(destination)) {
      handlers.set(destination, new Set());
    }
    handlers.get(destination).add(handler);
    subscribe(destination);
  },
  onState(listener) {
    stateListeners.add(listener);
    listener(state);
  },
  onConnect(listener) {
    connectListeners.add(listener);
    if (client && client.connected) {
      listener();
    }
  },
  send(destination, body) {
    if (!client || !client.connected) {
      return false;
    }
    client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return true;
  },
  get state() {
    return state;
  },
};

// ---- Header counts ---------------------------------------------------------------------------
// The layout's counts (#nav-notifications-unread, #nav-messages-unread), kept current from
// /user/queue/counts, which carries the numbers and their words in the member's language.

export function counts() {
  const live = connection();
  if (!live) {
    return;
  }
  live.on('/user/queue/counts', (c) => {
    const notifications = document.getElementById('nav-notifications-unread');
    if (notifications && typeof c.notifications === 'number') {
      // As the layout draws it: "(2)" for the eye, ", 2 non lues" for screen readers.
      const parts = [];
      if (c.notifications > 0) {
        const shown = document.createElement('span');
        shown.setAttribute('aria-hidden', 'true');
        shown.textContent = `(${c.notifications})`;
        const said = document.createElement('span');
        said.className = 'visually-hidden';
        said.textContent = c.notificationsText || '';
        parts.push(' ', shown, said);
      }
      notifications.replaceChildren(...parts);
    }
    const messages = document.getElementById('nav-messages-unread');
    if (messages && typeof c.messages === 'number') {
      messages.textContent = c.messages > 0 ? (c.messagesText || '') : '';
    }
  });
}

export default counts;
