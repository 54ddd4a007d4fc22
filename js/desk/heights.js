// The preview's iframes (embed.html of this folder) tell their height; no other window may.

const MAX = 5000; // px: a height above it is taken as this

/** Sizes the iframes that `selector` finds to the heights their own windows post, from this page's origin only. */
export function listenForHeights(selector) {
  addEventListener('message', (e) => {
    if (e.origin !== location.origin || e.data?.type !== 'factcard:height') return;
    for (const f of document.querySelectorAll(selector)) if (f.contentWindow === e.source) f.height = Math.min(Math.max(+e.data.height || 0, 0), MAX);
  });
}
