// Whether to keep still: the member's own "reduce motion" setting (the layout puts
// html.motion-reduced) or the system's prefers-reduced-motion. Every script that animates asks here.
export function reducedMotion() {
  return document.documentElement.classList.contains('motion-reduced')
    || (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
}
