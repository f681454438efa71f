// The dialog a marker opens (Enter, Space or a click): a Leaflet popup with role="dialog", named by
// its heading, the place's name as a link to its page; then the verdict in words and a close button
// (data-close-label; Leaflet's own has an English name). Focus moves into it, on its first control;
// Escape or the button closes it and focus returns to the marker. In the Tab order the dialog sits
// right after its marker, and focus leaving it closes it, so that it never hides what has focus.

import { verdictSymbol } from './symbols.js';

function buildDialog(place, verdict, closeLabel, headingId) {
  const body = document.createElement('div');
  body.className = 'place-map-dialog';
  const heading = document.createElement('h2');
  heading.className = 'place-map-dialog-title';
  heading.id = headingId;
  if (place.href) {
    const link = document.createElement('a');
    link.href = place.href;
    link.textContent = place.name;
    heading.append(link);
  } else {
    heading.textContent = place.name;
  }
  const verdictLine = document.createElement('p');
  verdictLine.className = 'place-map-dialog-verdict';
  const text = document.createElement('span');
  text.textContent = verdict;
  verdictLine.append(verdictSymbol(place.verdict), text);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button button-secondary place-map-dialog-close';
  close.textContent = closeLabel || '×';
  body.append(heading, verdictLine, close);
  return body;
}

export function createDialog({ L, map, places, markers, words, verdictWord, uid, clustering }) {
  const { layerShowing, focusLayer } = clustering;
  let open = null;

  function closeDialog(returnFocus) {
    const closing = open;
    if (!closing) {
      return;
    }
    open = null;
    map.closePopup(closing.popup);
    if (returnFocus) {
      focusLayer(layerShowing(closing.index));
    }
  }

  function openDialog(index) {
    closeDialog(false);
    const place = places[index];
    const content = buildDialog(place, verdictWord(place.verdict), words.closeLabel, `${uid}-dialog-${index}`);
    const popup = L.popup({
      closeButton: false, // Leaflet's has an English name; ours is a real button with the server's words
      closeOnEscapeKey: false, // handled below, so that focus goes back to the marker
      autoPanPadding: [24, 24],
      className: 'place-map-popup',
      maxWidth: 288,
      offset: [0, -14],
    }).setLatLng([place.lat, place.lon]).setContent(content);
    open = { index, popup };
    popup.openOn(map);
    const dialog = popup.getElement();
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', `${uid}-dialog-${index}`);
    // In the Tab order the dialog sits right after its marker: Shift+Tab from its first control goes
    // back to the marker, Tab from its last goes on to the next marker. Focus leaving it closes it,
    // so that it never hides what has focus.
    const controls = () => [...content.querySelectorAll('a[href], button')];
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        closeDialog(true);
      } else if (event.key === 'Tab' && event.shiftKey && event.target === controls()[0]) {
        event.preventDefault();
        closeDialog(true);
      } else if (event.key === 'Tab' && !event.shiftKey && event.target === controls().at(-1)) {
        const icon = (layerShowing(index) || markers[index]).getElement();
        const next = icon && icon.nextElementSibling;
        if (next && next.getAttribute('role') === 'button') {
          event.preventDefault();
          closeDialog(false);
          next.focus({ preventScroll: true });
        }
      }
    });
    dialog.addEventListener('focusout', (event) => {
      if (event.relatedTarget && !dialog.contains(event.relatedTarget)) {
        closeDialog(false);
      }
    });
    content.querySelector('.place-map-dialog-close').addEventListener('click', () => closeDialog(true));
    popup.on('remove', () => {
      if (open && open.popup === popup) {
        // Closed by Leaflet (a click on the map): give focus back only if it was lost with the popup.
        open = null;
        if (!document.activeElement || document.activeElement === document.body) {
          focusLayer(layerShowing(index));
        }
      }
    });
    // Focus moves into the dialog, on its first control (the place's name, as a link).
    const first = content.querySelector('a[href]') || content.querySelector('button');
    first.focus({ preventScroll: true });
  }

  return { openDialog, closeDialog };
}
