// Clustering is a small grid clustering of our own (leaflet.markercluster has no webjar that
// resolves): at each zoom level below CLUSTER_MAX_ZOOM, places whose projected positions fall in the
// same CELL_PX square share one cluster marker, placed at their mean position. Clusters and
// markers are added to the map in list order, so Tab follows the list. Activating a cluster zooms
// into it and focus lands on what held its first place. The zoom is written back as data-zoom.

import { createCluster } from './markers.js';

const CELL_PX = 64;
const CLUSTER_MAX_ZOOM = 17;

export function createClustering({ L, map, element, places, markers, words, verdictWord, animated, maxZoom }) {
  const layer = L.layerGroup().addTo(map);
  let clusters = [];

  function optionsMove() {
    return { animate: animated };
  }

  /** The layer on the map that shows the place with this list index now (its marker or its cluster). */
  function layerShowing(index) {
    if (layer.hasLayer(markers[index])) {
      return markers[index];
    }
    return clusters.find((cluster) => cluster.places.includes(index)) || null;
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
    clusters = [];
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
        clusters.push(cluster);
        layer.addLayer(cluster);
      }
    }
    element.dataset.zoom = String(zoom);
  }

  function zoomInto(cluster) {
    const first = cluster.places[0];
    const bounds = L.latLngBounds(cluster.places.map((i) => [places[i].lat, places[i].lon]));
    const zoom = Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1), maxZoom);
    map.once('zoomend', () => focusLayer(layerShowing(first)));
    map.setView(bounds.getCenter(), zoom, optionsMove());
  }

  return { recluster, layerShowing, bringIntoView, focusLayer };
}
