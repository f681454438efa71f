// The map of search results: an enhancement of the result list, which stays the primary view.
// Without this file (or without Leaflet) the map element stays empty and hidden; the list works.
//
// Everything a person reads comes from data-* attributes that the server localises: these files
// hold no French or English words. What they read, on the map element:
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
// This file builds the map and wires the parts, each of which says what it does:
//   place-map/leaflet.js      loads Leaflet from its webjar
//   place-map/places.js       reads the places from the result list
//   place-map/symbols.js      the verdicts' shapes and glyphs
//   place-map/markers.js      the marker and cluster buttons
//   place-map/clustering.js   the grid clustering, and what shows a place at the current zoom
//   place-map/dialog.js       the dialog a marker opens
//   place-map/legend.js       the legend
//   place-map/search-area.js  the "search this area" link

import { createClustering } from './place-map/clustering.js';
import { createDialog } from './place-map/dialog.js';
import { reducedMotion } from './motion.js';
import { loadLeaflet } from './place-map/leaflet.js';
import { buildLegend } from './place-map/legend.js';
import { createMarker } from './place-map/markers.js';
import { number, readPlaces } from './place-map/places.js';
import { offerSearchArea } from './place-map/search-area.js';

const MAX_ZOOM = 19;

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
  const clustering = createClustering({ L, map, element, places, markers, words, verdictWord, animated, maxZoom: MAX_ZOOM });
  const dialog = createDialog({ L, map, places, markers, words, verdictWord, uid, clustering });

  markers.forEach((marker, index) => marker.on('activate', () => dialog.openDialog(index)));
  for (const marker of markers) {
    marker.on('iconfocus', () => clustering.bringIntoView(marker));
  }

  map.on('zoomend', clustering.recluster);
  if (places.length) {
    const bounds = L.latLngBounds(places.map((p) => [p.lat, p.lon]));
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 16, animate: false });
  } else {
    const radius = number(words.radius) || 1000;
    map.fitBounds(L.latLng(centreLat, centreLon).toBounds(radius * 2), { animate: false });
  }
  clustering.recluster();
  if (words.searchAreaLabel) {
    offerSearchArea(map, element, canvas, words);
  }

  element.dataset.animated = String(animated);
  element.dataset.mapReady = 'true';
  return map;
}
