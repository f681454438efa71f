// Administrators' imports: while an import runs, asks its status now and then, moves the progress bar
// and the line under it, and tells screen readers how far it is, politely and seldom: when it has
// moved on by a 10 % step (but never within 10 s of the last word), or 15 s after the last word if
// anything changed; never on each poll. Then once when it is over. Never reloads the page (WCAG
// 2.2.1): the page's own "refresh" link shows the report.
const EVERY_MS = 3000;
const MAX_POLLS = 2400;
const ANNOUNCE_STEP = 10;
const MIN_GAP_MS = 10000;
const ANNOUNCE_MS = 15000;

export default function importProgress(section) {
  const url = section.dataset.statusUrl;
  const bar = section.querySelector('progress');
  const text = section.querySelector('[data-import-text]');
  const announce = section.querySelector('[data-import-announce]');
  if (!url || !bar || !text || !announce) {
    return;
  }
  let polls = 0;
  let lastPercent = bar.hasAttribute('value') ? Number(bar.value) : -1;
  let lastAnnounced = Date.now();
  let lastSaid = text.textContent;
  const say = (message) => {
    announce.textContent = message;
    lastAnnounced = Date.now();
    lastSaid = message;
  };
  const poll = async () => {
    polls += 1;
    let body;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      body = await response.json();
    } catch {
      // The server restarting, the session gone: try again a little later, as long as the page is open.
      if (polls < MAX_POLLS) {
        setTimeout(poll, EVERY_MS * 2);
      }
      return;
    }
    text.textContent = body.text;
    if (!body.running) {
      bar.value = 100;
      bar.textContent = body.text;
      say(body.text);
      return;
    }
    if (body.percent >= 0) {
      bar.value = body.percent;
    } else {
      bar.removeAttribute('value');
    }
    bar.textContent = body.text;
    const crossedStep = body.percent >= 0 && Math.floor(body.percent / ANNOUNCE_STEP) > Math.floor(lastPercent / ANNOUNCE_STEP);
    const since = Date.now() - lastAnnounced;
    if (body.text !== lastSaid && ((crossedStep && since >= MIN_GAP_MS) || since >= ANNOUNCE_MS)) {
      say(body.text);
      lastPercent = body.percent;
    }
    if (polls < MAX_POLLS) {
      setTimeout(poll, EVERY_MS);
    }
  };
  setTimeout(poll, EVERY_MS);
}
