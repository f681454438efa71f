// The map of search results: an enhancement of the result list, which stays the primary view.
// Without this file (or without Leaflet) the map element stays empty and hidden; the list works.
//
// Everything a person reads comes from data-* attributes that the server localises: this file
// holds no French or English words. What it reads, on the map element:
//   data-label                       accessible name of the map itself (required)
//   data-legend-title                title of the legend
//   data-verdict-<key>               the verdict in words, key in accessible, limited, not_accessible, unknown
//   data-close-label                 text of the popup's close button
//   data-tiles-url                   tile URL template; empty or absent: no tiles, plain background
//   data-tiles-attribution           attribution text (shown as text, never as HTML)
//   data-tiles-attribution-url       optional: the attribution becomes a link to this URL
//   data-centre-lat, data-centre-lon, data-radius (metres)   the view when there is no result
//   data-cluster-label               optional, e.g. "{count} lieux : {verdicts}"
//   data-cluster-verdict             optional, e.g. "{count} {verdict}" (one per verdict present)
//   data-legend-cluster              optional: legend entry for a group of places
//   data-zoom-in-label, data-zoom-out-label   optional: with both, the +/- buttons are shown
//   data-search-area-label           optional: once the map has moved, a link "search this area" with
//                                    this text leads to the search with bbox=minLon,minLat,maxLon,maxLat
//   data-search-area-url             optional: where that search is (default: this page's path); the
//                                    current query is kept but near, lat, lon, radius, after and bbox
// and on each result (li.place-result inside #results, in list order):
//   data-place-id, data-lat, data-lon, data-verdict, data-name, and its first a[href] (the place page).
//
// What it writes back for tests and styles: class place-map-enhanced, data-map-ready="true",
// data-animated="true|false", data-zoom.
//
// Clustering is a small grid clustering of our own (leaflet.markercluster has no webjar that
// resolves): at each zoom level below CLUSTER_MAX_ZOOM, places whose projected positions fall in the
// same CELL_PX square share one cluster marker, placed at their mean position. Clusters and
// markers are added to the map in list order, so Tab follows the list.

const VERDICTS = ['accessible', 'limited', 'not_accessible', 'unknown'];
const CELL_PX = 64;
const CLUSTER_MAX_ZOOM = 17;
const MAX_ZOOM = 19;
const SVG_NS = 'http://www.w3.org/2000/svg';

// One shape and one glyph per verdict, on a 32×32 grid: colour is never the only signal.
const SHAPES = {
  accessible: { shape: ['circle', { cx: 16, cy: 16, r: 13 }], glyph: 'M10 16.5l4 4 8-9' },
  limited: { shape: ['path', { d: 'M16 2.5L30 28H2z' }], glyph: 'M16 10.5v8.5M16 22.5v1' },
  not_accessible: { shape: ['rect', { x: 3.5, y: 3.5, width: 25, height: 25, rx: 2 }], glyph: 'M11 11l10 10M21 11L11 21' },
  unknown: {
    shape: ['path', { d: 'M16 1.5L30.5 16 16 30.5 1.5 16z' }],
    glyph: 'M12.5 13a3.5 3.5 0 1 1 4.8 3.3c-.9.4-1.3 1-1.3 2v.7M16 22.5v1',
  },
};

let leafletLoading = null;

function assetUrl(path) {
  return new URL(path, import.meta.url).href;
}

/** Loads Leaflet's script and stylesheet once, from the webjar, before our own stylesheet. */
function loadLeaflet() {
  if (window.L) {
    return Promise.resolve(window.L);
  }
  if (!leafletLoading) {
    const css = new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = assetUrl('../webjars/leaflet/dist/leaflet.css');
      link.addEventListener('load', resolve);
      link.addEventListener('error', resolve);
      // Before rampe.css, so that our rules win over Leaflet's at equal specificity.
      const first = document.querySelector('link[rel="stylesheet"]');
      document.head.insertBefore(link, first);
    });
    const js = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = assetUrl('../webjars/leaflet/dist/leaflet.js');
      script.addEventListener('load', () => (window.L ? resolve(window.L) : reject(new Error('Leaflet'))));
      script.addEventListener('error', reject);
      document.head.append(script);
    });
    leafletLoading = Promise.all([js, css]).then(([L]) => L);
  }
  return leafletLoading;
}

function reducedMotion() {
  return document.documentElement.classList.contains('motion-reduced')
    || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
}

function number(value) {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

/** The verdict drawn as an inline SVG: shape, white ring, glyph. Decorative: the name says it. */
function verdictSymbol(verdict) {
  const spec = SHAPES[verdict] || SHAPES.unknown;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('place-map-symbol', `place-map-symbol-${VERDICTS.includes(verdict) ? verdict : 'unknown'}`);
  const shape = document.createElementNS(SVG_NS, spec.shape[0]);
  for (const [name, value] of Object.entries(spec.shape[1])) {
    shape.setAttribute(name, value);
  }
  shape.classList.add('place-map-shape');
  const glyph = document.createElementNS(SVG_NS, 'path');
  glyph.setAttribute('d', spec.glyph);
  glyph.classList.add('place-map-glyph');
  svg.append(shape, glyph);
  return svg;
}

function readPlaces(list) {
  const places = [];
  if (!list) {
    return places;
  }
  for (const item of list.querySelectorAll('.place-result')) {
    const lat = number(item.dataset.lat);
    const lon = number(item.dataset.lon);
    if (lat === null || lon === null) {
      continue;
    }
    const verdict = VERDICTS.includes(item.dataset.verdict) ? item.dataset.verdict : 'unknown';
    const link = item.querySelector('a[href]');
    places.push({
      index: places.length,
      id: item.dataset.placeId || '',
      name: item.dataset.name || (link ? link.textContent.trim() : ''),
      href: link ? link.getAttribute('href') : null,
      verdict,
      lat,
      lon,
    });
  }
  return places;
}

export default async function placeMap(element) {
  const words = element.dataset;
  const verdictWord = (key) => element.getAttribute(`data-verdict-${key}`) || key;
  const places = readPlaces(document.getElementById('results'));
  const centreLat = number(words.centreLat);
  const centreLon = number(words.centreLon);
  if (!places.length && (centreLat === null || centreLon === null)) {
    return; // Nothing to show: the element stays empty and hidden.
  }

  let L;
  try {
    L = await loadLeaflet();
  } catch {
    return; // No Leaflet, no map: the list is all there is, and it is enough.
  }

  const animated = !reducedMotion();
  const uid = `place-map-${Math.random().toString(36).slice(2, 8)}`;

  // The map itself, then the legend, inside the element the server gave.
  const canvas = document.createElement('div');
  canvas.className = 'place-map-canvas';
  canvas.setAttribute('role', 'region');
  canvas.setAttribute('aria-label', words.label || '');
  const legend = buildLegend(words, verdictWord, uid);
  element.append(canvas, legend);
  element.classList.add('place-map-enhanced');

  const zoomControl = Boolean(words.zoomInLabel && words.zoomOutLabel);
  const map = L.map(canvas, {
    keyboard: true, // arrow keys pan, +/- zoom (Leaflet's own handler, kept)
    zoomControl: false,
    scrollWheelZoom: false, // scrolling the page over the map scrolls the page
    maxZoom: MAX_ZOOM,
    minZoom: 2,
    zoomAnimation: animated,
    // Never fade: a half-transparent dialog is unreadable while it appears (and axe says so).
    fadeAnimation: false,
    markerZoomAnimation: animated,
    inertia: animated,
  });
  if (!animated) {
    // Every pan goes through panBy (keyboard, popup auto-pan, setView, panInside): never animate.
    const panBy = map.panBy;
    map.panBy = function panByWithoutAnimation(offset, options) {
      return panBy.call(this, offset, { ...(options || {}), animate: false });
    };
  }
  if (zoomControl) {
    L.control.zoom({ zoomInTitle: words.zoomInLabel, zoomOutTitle: words.zoomOutLabel }).addTo(map);
  }
  // Leaflet's own prefix has an English title; keep the credit, as a plain link.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');

  // Focusing something inside the map must never scroll its overflow-hidden container.
  canvas.addEventListener('scroll', () => {
    canvas.scrollTop = 0;
    canvas.scrollLeft = 0;
  });

  if (words.tilesUrl) {
    const tiles = L.tileLayer(words.tilesUrl, { maxZoom: MAX_ZOOM, attribution: attribution(words) });
    tiles.on('tileerror', (event) => {
      event.tile.classList.add('place-map-tile-failed');
      element.classList.add('place-map-tiles-failed');
    });
    tiles.addTo(map);
  }

  const markers = places.map((place) => createMarker(L, map, place, verdictWord(place.verdict)));
  const layer = L.layerGroup().addTo(map);
  const state = { clusters: [], open: null };

  function optionsMove() {
    return { animate: animated };
  }

  /** The layer on the map that shows the place with this list index now (its marker or its cluster). */
  function layerShowing(index) {
    if (layer.hasLayer(markers[index])) {
      return markers[index];
    }
    return state.clusters.find((cluster) => cluster.places.includes(index)) || null;
  }

  // Tab can reach a marker that is outside the view: bring it in.
  function bringIntoView(target) {
    map.panInside(target.getLatLng(), { padding: [40, 40], ...optionsMove() });
  }

  function focusLayer(target) {
    const icon = target && target.getElement();
    if (icon) {
      icon.focus({ preventScroll: true });
    }
  }

  function recluster() {
    const zoom = map.getZoom();
    layer.clearLayers();
    state.clusters = [];
    const groups = new Map();
    const ordered = [];
    for (const place of places) {
      let key = `p${place.index}`;
      if (zoom < CLUSTER_MAX_ZOOM) {
        const point = map.project([place.lat, place.lon], zoom);
        key = `${Math.floor(point.x / CELL_PX)}:${Math.floor(point.y / CELL_PX)}`;
      }
      if (!groups.has(key)) {
        groups.set(key, []);
        ordered.push(key);
      }
      groups.get(key).push(place.index);
    }
    for (const key of ordered) {
      const members = groups.get(key);
      if (members.length === 1) {
        layer.addLayer(markers[members[0]]);
      } else {
        const cluster = createCluster(L, places, members, words, verdictWord);
        cluster.on('activate', () => zoomInto(cluster));
        cluster.on('iconfocus', () => bringIntoView(cluster));
        state.clusters.push(cluster);
        layer.addLayer(cluster);
      }
    }
    element.dataset.zoom = String(zoom);
  }

  function zoomInto(cluster) {
    const first = cluster.places[0];
    const bounds = L.latLngBounds(cluster.places.map((i) => [places[i].lat, places[i].lon]));
    const zoom = Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1), MAX_ZOOM);
    map.once('zoomend', () => focusLayer(layerShowing(first)));
    map.setView(bounds.getCenter(), zoom, optionsMove());
  }

  function closeDialog(returnFocus) {
    const open = state.open;
    if (!open) {
      return;
    }
    state.open = null;
    map.closePopup(open.popup);
    if (returnFocus) {
      focusLayer(layerShowing(open.index));
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
    state.open = { index, popup };
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
      if (state.open && state.open.popup === popup) {
        // Closed by Leaflet (a click on the map): give focus back only if it was lost with the popup.
        state.open = null;
        if (!document.activeElement || document.activeElement === document.body) {
          focusLayer(layerShowing(index));
        }
      }
    });
    // Focus moves into the dialog, on its first control (the place's name, as a link).
    const first = content.querySelector('a[href]') || content.querySelector('button');
    first.focus({ preventScroll: true });
  }

  markers.forEach((marker, index) => marker.on('activate', () => openDialog(index)));
  for (const marker of markers) {
    marker.on('iconfocus', () => bringIntoView(marker));
  }

  map.on('zoomend', recluster);
  if (places.length) {
    const bounds = L.latLngBounds(places.map((p) => [p.lat, p.lon]));
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 16, animate: false });
  } else {
    const radius = number(words.radius) || 1000;
    map.fitBounds(L.latLng(centreLat, centreLon).toBounds(radius * 2), { animate: false });
  }
  recluster();
  if (words.searchAreaLabel) {
    offerSearchArea(map, element, canvas, words);
  }

  element.dataset.animated = String(animated);
  element.dataset.mapReady = 'true';
  return map;
}

const DROPPED_BY_AREA_SEARCH = ['near', 'lat', 'lon', 'radius', 'after', 'bbox'];

/** A link, shown once the view moved, to search again within what the map shows. */
function offerSearchArea(map, element, canvas, words) {
  const link = document.createElement('a');
  link.className = 'button button-secondary place-map-search-area';
  link.textContent = words.searchAreaLabel;
  link.hidden = true;
  canvas.after(link);
  map.on('moveend', () => {
    const b = map.getBounds();
    const clamp = (value, limit) => Math.min(Math.max(value, -limit), limit).toFixed(5);
    const bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
    const kept = new URLSearchParams(window.location.search);
    for (const name of DROPPED_BY_AREA_SEARCH) {
      kept.delete(name);
    }
    const rest = kept.toString();
    link.href = `${words.searchAreaUrl || window.location.pathname}?bbox=${bbox.join(',')}${rest ? `&${rest}` : ''}`;
    link.hidden = false;
  });
}

function attribution(words) {
  const text = words.tilesAttribution || '';
  const span = document.createElement('span');
  if (words.tilesAttributionUrl) {
    const link = document.createElement('a');
    link.href = words.tilesAttributionUrl;
    link.textContent = text;
    span.append(link);
  } else {
    span.textContent = text;
  }
  return span.innerHTML; // Leaflet takes HTML: give it the text, escaped
}

/** Sends 'activate' on click, Enter or Space, and 'iconfocus'; the marker is a role="button" with tabindex 0. */
function makeActivatable(layer) {
  layer.on('click', () => layer.fire('activate', { byKeyboard: false }));
  layer.on('add', () => {
    const icon = layer.getElement();
    icon.addEventListener('focus', () => layer.fire('iconfocus'));
    icon.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar') {
        event.preventDefault();
        event.stopPropagation();
        layer.fire('activate', { byKeyboard: true });
      }
    });
  });
}

function createMarker(L, map, place, verdict) {
  const name = `${place.name}, ${verdict}`;
  const html = document.createElement('span');
  html.className = 'place-map-marker-inner';
  html.append(verdictSymbol(place.verdict));
  const marker = L.marker([place.lat, place.lon], {
    keyboard: true,
    title: name,
    alt: name,
    riseOnHover: true,
    icon: L.divIcon({
      html,
      className: `place-map-marker place-map-marker-${place.verdict}`,
      iconSize: [32, 32],
      iconAnchor: [16, 16],
    }),
  });
  marker.on('add', () => {
    const icon = marker.getElement();
    icon.setAttribute('aria-label', name);
    icon.dataset.placeId = place.id;
    icon.dataset.placeIndex = String(place.index);
  });
  makeActivatable(marker);
  return marker;
}

function createCluster(L, places, members, words, verdictWord) {
  const counts = new Map();
  let lat = 0;
  let lon = 0;
  for (const index of members) {
    const place = places[index];
    counts.set(place.verdict, (counts.get(place.verdict) || 0) + 1);
    lat += place.lat;
    lon += place.lon;
  }
  const language = document.documentElement.lang || undefined;
  const parts = VERDICTS.filter((v) => counts.has(v)).map((v) => fill(words.clusterVerdict || '{count} {verdict}', {
    count: counts.get(v),
    verdict: verdictWord(v).toLocaleLowerCase(language),
  }));
  const name = fill(words.clusterLabel || '{count} : {verdicts}', { count: members.length, verdicts: parts.join(', ') });

  const html = document.createElement('span');
  html.className = 'place-map-cluster-inner';
  const count = document.createElement('span');
  count.className = 'place-map-cluster-count';
  count.setAttribute('aria-hidden', 'true');
  count.textContent = String(members.length);
  html.append(count);
  const cluster = L.marker([lat / members.length, lon / members.length], {
    keyboard: true,
    title: name,
    alt: name,
    icon: L.divIcon({ html, className: 'place-map-cluster', iconSize: [44, 44], iconAnchor: [22, 22] }),
  });
  cluster.places = members;
  cluster.on('add', () => {
    const icon = cluster.getElement();
    icon.setAttribute('aria-label', name);
    icon.dataset.clusterSize = String(members.length);
  });
  makeActivatable(cluster);
  return cluster;
}

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

function buildLegend(words, verdictWord, uid) {
  const legend = document.createElement('div');
  legend.className = 'place-map-legend';
  const title = document.createElement('p');
  title.className = 'place-map-legend-title';
  title.id = `${uid}-legend`;
  title.textContent = words.legendTitle || '';
  const list = document.createElement('ul');
  list.setAttribute('aria-labelledby', title.id);
  for (const verdict of VERDICTS) {
    const item = document.createElement('li');
    item.className = 'place-map-legend-item';
    const text = document.createElement('span');
    text.textContent = verdictWord(verdict);
    item.append(verdictSymbol(verdict), text);
    list.append(item);
  }
  if (words.legendCluster) {
    const item = document.createElement('li');
    item.className = 'place-map-legend-item place-map-legend-cluster';
    const sample = document.createElement('span');
    sample.className = 'place-map-cluster-inner';
    sample.setAttribute('aria-hidden', 'true');
    const count = document.createElement('span');
    count.className = 'place-map-cluster-count';
    count.textContent = '3';
    sample.append(count);
    const text = document.createElement('span');
    text.textContent = words.legendCluster;
    item.append(sample, text);
    list.append(item);
  }
  legend.append(title, list);
  return legend;
}
