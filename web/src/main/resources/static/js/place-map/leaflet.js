// Leaflet 1.9.4 from its webjar (/webjars/leaflet/dist/), loaded only on a page that has a map.

let leafletLoading = null;

function assetUrl(path) {
  return new URL(path, import.meta.url).href;
}

/** Loads Leaflet's script and stylesheet once, from the webjar, before our own stylesheet. */
export function loadLeaflet() {
  if (window.L) {
    return Promise.resolve(window.L);
  }
  if (!leafletLoading) {
    const css = new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = assetUrl('../../webjars/leaflet/dist/leaflet.css');
      link.addEventListener('load', resolve);
      link.addEventListener('error', resolve);
      // Before rampe.css, so that our rules win over Leaflet's at equal specificity.
      const first = document.querySelector('link[rel="stylesheet"]');
      document.head.insertBefore(link, first);
    });
    const js = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = assetUrl('../../webjars/leaflet/dist/leaflet.js');
      script.addEventListener('load', () => (window.L ? resolve(window.L) : reject(new Error('Leaflet'))));
      script.addEventListener('error', reject);
      document.head.append(script);
    });
    leafletLoading = Promise.all([js, css]).then(([L]) => L);
  }
  return leafletLoading;
}
