// The search form's "near" field, enhanced (issue 18). Without this file the field is plain text and
// the form works as it always did.
//
// 1. Suggestions while typing, following the WAI-ARIA 1.2 combobox pattern with a listbox
//    (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in the field; Down and Up
//    move through the options (aria-activedescendant), Enter takes the option, Escape closes the
//    list; a polite status says how many suggestions there are.
// 2. A "use my position" button: the browser is asked for the position only when it is pressed;
//    the coordinates go into the field, so they are sent with this search only and kept nowhere.
const MIN_LENGTH = 3;
const DELAY_MS = 250;

export default function nearField(field) {
  const input = field.querySelector('input[name="near"]');
  if (!input) {
    return;
  }
  const texts = field.dataset;
  const listId = `${input.id}-suggestions`;

  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'near-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', texts.listboxLabel);
  list.hidden = true;

  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  // The browser's own address memory would open a second list over ours.
  input.setAttribute('autocomplete', 'off');
  input.after(list);
  list.after(status);

  let options = [];
  let active = -1;
  let timer = null;
  let pending = null;
  let lastAsked = '';

  const setActive = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const open = () => {
    if (options.length > 0) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  };

  const choose = (option) => {
    input.value = option.dataset.label;
    lastAsked = input.value.trim();
    close();
    input.focus();
  };

  const announce = (count) => {
    if (count === 0) {
      status.textContent = texts.countNone;
    } else if (count === 1) {
      status.textContent = texts.countOne;
    } else {
      status.textContent = texts.countMany.replace('{0}', count);
    }
  };

  const show = (suggestions) => {
    list.replaceChildren();
    options = suggestions.map((s, i) => {
      const option = document.createElement('li');
      option.id = `${listId}-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.dataset.label = s.label;
      option.append(document.createTextNode(s.label));
      const kind = texts[`kind${s.kind.charAt(0).toUpperCase()}${s.kind.slice(1)}`];
      if (kind) {
        const small = document.createElement('span');
        small.className = 'near-kind';
        small.textContent = ` (${kind})`;
        option.append(small);
      }
      // Mouse and touch: take the option without the field losing focus first.
      option.addEventListener('mousedown', (event) => event.preventDefault());
      option.addEventListener('click', () => choose(option));
      list.append(option);
      return option;
    });
    setActive(-1);
    announce(options.length);
    if (options.length > 0 && document.activeElement === input) {
      open();
    } else {
      close();
    }
  };

  const ask = async () => {
    const text = input.value.trim();
    if (text === lastAsked) {
      return;
    }
    lastAsked = text;
    if (pending) {
      pending.abort();
    }
    if (text.length < MIN_LENGTH) {
      options = [];
      list.replaceChildren();
      close();
      return;
    }
    pending = new AbortController();
    try {
      const url = `${texts.suggestionsUrl}?q=${encodeURIComponent(text)}`;
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: pending.signal });
      if (!response.ok) {
        return; // Too many requests, or the server is busy: the field still works as plain text.
      }
      const body = await response.json();
      if (input.value.trim() === text) {
        show(body.suggestions || []);
      }
    } catch {
      // Aborted by a newer key, or offline: nothing to show.
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        if (options.length === 0) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          open();
          setActive(0);
        } else {
          setActive((active + 1) % options.length);
        }
        break;
      case 'ArrowUp':
        if (options.length === 0) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          open();
          setActive(options.length - 1);
        } else {
          setActive(active <= 0 ? options.length - 1 : active - 1);
        }
        break;
      case 'Enter':
        if (!list.hidden && active >= 0) {
          event.preventDefault(); // Takes the suggestion; a second Enter searches.
          choose(options[active]);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });

  input.addEventListener('blur', () => close());

  if ('geolocation' in navigator) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-secondary near-position';
    button.textContent = texts.positionButton;
    const said = document.createElement('p');
    said.className = 'near-position-status';
    said.setAttribute('role', 'status');
    said.setAttribute('aria-live', 'polite');
    status.after(button, said);
    button.addEventListener('click', () => {
      said.textContent = texts.positionAsking;
      navigator.geolocation.getCurrentPosition((position) => {
        input.value = `${position.coords.latitude.toFixed(5)}, ${position.coords.longitude.toFixed(5)}`;
        lastAsked = input.value;
        close();
        said.textContent = texts.positionFound;
      }, (error) => {
        said.textContent = error.code === error.PERMISSION_DENIED ? texts.positionRefused : texts.positionUnavailable;
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
    });
  }
}
