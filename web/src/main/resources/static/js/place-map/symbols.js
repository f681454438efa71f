// The verdicts and how they are drawn, on the map and in its legend. One shape and one glyph per
// verdict, on a 32×32 grid: colour is never the only signal.

export const VERDICTS = ['accessible', 'limited', 'not_accessible', 'unknown'];
const SVG_NS = 'http://www.w3.org/2000/svg';

const SHAPES = {
  accessible: { shape: ['circle', { cx: 16, cy: 16, r: 13 }], glyph: 'M10 16.5l4 4 8-9' },
  limited: { shape: ['path', { d: 'M16 2.5L30 28H2z' }], glyph: 'M16 10.5v8.5M16 22.5v1' },
  not_accessible: { shape: ['rect', { x: 3.5, y: 3.5, width: 25, height: 25, rx: 2 }], glyph: 'M11 11l10 10M21 11L11 21' },
  unknown: {
    shape: ['path', { d: 'M16 1.5L30.5 16 16 30.5 1.5 16z' }],
    glyph: 'M12.5 13a3.5 3.5 0 1 1 4.8 3.3c-.9.4-1.3 1-1.3 2v.7M16 22.5v1',
  },
};

/** The verdict drawn as an inline SVG: shape, white ring, glyph. Decorative: the name says it. */
export function verdictSymbol(verdict) {
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
