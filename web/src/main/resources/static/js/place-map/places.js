// The places the map shows, read from the result list: each li.place-result inside #results, in
// list order, with data-place-id, data-lat, data-lon, data-verdict, data-name and its first a[href]
// (the place page). A result without coordinates is not on the map.

import { VERDICTS } from './symbols.js';

export function number(value) {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

export function readPlaces(list) {
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
