// The buttons on the map: one marker per place, and one per cluster of places. Each is a
// role="button" with tabindex 0 (Leaflet's keyboard option), named "name, verdict in words" for a
// place and by data-cluster-label / data-cluster-verdict for a cluster ("4 lieux : 1 accessible,
// …"); click, Enter or Space sends it 'activate', and focusing it sends 'iconfocus'. The icons also
// carry data-place-id and data-place-index, or data-cluster-size, for tests and styles.

import { VERDICTS, verdictSymbol } from './symbols.js';

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
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

export function createMarker(L, map, place, verdict) {
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

export function createCluster(L, places, members, words, verdictWord) {
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
