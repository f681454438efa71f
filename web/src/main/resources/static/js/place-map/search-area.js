// "Search this area" (data-search-area-label): a plain link under the map, hidden until the view
// has moved, to the search at data-search-area-url (default: this page's path) with
// bbox=minLon,minLat,maxLon,maxLat of what the map shows. The current query is kept, but for the
// parameters that say where to search. It neither moves focus nor appears until a move asks for it.

// Needs, fit and criteria are never copied into a link either: they are health data, kept in the
// session by the server (the search page's address holds none; this is a second lock).
const DROPPED_BY_AREA_SEARCH = ['near', 'lat', 'lon', 'radius', 'after', 'bbox', 'needs', 'needsChosen', 'fit', 'criterion'];

/** A link, shown once the view moved, to search again within what the map shows. */
export function offerSearchArea(map, element, canvas, words) {
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
