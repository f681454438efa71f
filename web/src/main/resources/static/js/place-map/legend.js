// The legend under the map (data-legend-title): the four verdicts in words with the same shapes and
// glyphs as the markers, and, with data-legend-cluster, what a group of places looks like.

import { VERDICTS, verdictSymbol } from './symbols.js';

export function buildLegend(words, verdictWord, uid) {
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
