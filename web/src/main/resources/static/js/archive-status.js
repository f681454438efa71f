// "Your data": while an archive is being prepared, asks its status now and then and updates the
// progress line; when it is ready (or failed), says so once, politely, in the live region. Never
// reloads the page (WCAG 2.2.1): the page's own "refresh" link shows the download link.
const EVERY_MS = 5000;
const MAX_POLLS = 360;

export default function archiveStatus(section) {
  const url = section.dataset.statusUrl;
  const announce = section.querySelector('[data-archive-announce]');
  if (!url || !announce || !section.querySelector('[data-archive-status="preparing"]')) {
    return;
  }
  let polls = 0;
  const poll = async () => {
    polls += 1;
    let body;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) {
        return;
      }
      body = await response.json();
    } catch {
      return;
    } finally {
      if (polls < MAX_POLLS && section.querySelector('[data-archive-status="preparing"]')) {
        setTimeout(poll, EVERY_MS);
      }
    }
    for (const archive of body.archives) {
      const item = section.querySelector(`[data-archive="${CSS.escape(archive.id)}"]`);
      if (!item || item.dataset.archiveStatus !== 'preparing') {
        continue;
      }
      const line = item.querySelector('span');
      if (line) {
        line.textContent = archive.message;
      }
      if (archive.status !== 'preparing') {
        item.dataset.archiveStatus = archive.status;
        announce.textContent = archive.message;
      }
    }
  };
  setTimeout(poll, EVERY_MS);
}
