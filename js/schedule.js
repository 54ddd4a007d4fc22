// When work runs, so that the cards the reader sees come first and a page of a thousand elements stays responsive:
// DOM updates in 8 ms slices (`soon`), cards far from the viewport when they come near (`whenNear`), and work that
// can wait (the core for a search box, mentions' cards, autolinking) after the cards on their way (`later`).

// DOM updates run at once while the current task has spent under 8 ms on them; past that they wait in a queue
// that later tasks work through 8 ms at a time.
const queue = [];
const channel = new MessageChannel();
let sliceEnd = -1; // -1: this task has not started a slice yet
channel.port1.onmessage = () => {
  sliceEnd = performance.now() + 8;
  while (queue.length && performance.now() < sliceEnd) queue.shift()();
  sliceEnd = -1;
  if (queue.length) channel.port2.postMessage(0);
};

/** Runs `fn` now if this task's 8 ms slice has room, else in a later slice, in order. */
export function soon(fn) {
  if (!queue.length) {
    if (sliceEnd < 0) {
      sliceEnd = performance.now() + 8;
      channel.port2.postMessage(0); // ends this task's slice in the next task
    }
    if (performance.now() < sliceEnd) return fn();
  }
  if (queue.push(fn) === 1) channel.port2.postMessage(0);
}

/** Runs `fn` when the browser is idle (within 2 s). */
export const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));

// Cards the reader can see load at once; the others wait until the reader scrolls near them, or until the cards in
// view have arrived and the page is idle, so that the first cards get the network and the main thread to themselves.
const waiting = new Map(); // element -> its load()
let watcher = null;
let sweep = false;
let checks = null; // cards connected in this task, with their load(): measured together, in one layout

function wake(el) {
  const load = waiting.get(el);
  if (!load) return;
  waiting.delete(el);
  watcher.unobserve(el);
  if (el.isConnected) load(); // a card removed meanwhile loads when it is connected again
}

function check() {
  const list = checks;
  checks = null;
  const h = innerHeight;
  for (const [el, load] of list) {
    if (!el.isConnected) continue;
    const r = el.getBoundingClientRect();
    // Near the viewport: now. Far, or not displayed at all (all zeros): when it comes near, or after the rest.
    if ((r.width || r.height) && r.bottom >= -h && r.top <= 2 * h) {
      load();
      continue;
    }
    watcher ||= new IntersectionObserver((es) => es.forEach((e) => e.isIntersecting && wake(e.target)), { rootMargin: '100% 0px 100% 0px' });
    waiting.set(el, load);
    watcher.observe(el);
    if (!sweep) {
      sweep = true;
      later(() => {
        sweep = false;
        // Each load() issues its request at once, so in 8 ms slices a thousand of them do not block the page.
        for (const w of waiting.keys()) soon(() => wake(w));
      });
    }
  }
}

/** Calls `load()` when `el` is within a screen of the viewport, or once the cards nearer the reader have arrived. */
export function whenNear(el, load) {
  if (!window.IntersectionObserver) return load();
  if (!checks) {
    checks = [];
    queueMicrotask(check);
  }
  checks.push([el, load]);
}

// Cards on their way to the reader: work that can wait waits for them and for an idle moment.
const arriving = new Set();
const deferred = [];

/** Counts `card` (a promise that does not reject) as a card on its way until it settles; returns it. */
export function arrives(card) {
  arriving.add(card);
  card.then(() => arriving.delete(card));
  return card;
}

/**
 * Runs `fn` once the page is idle, the cards being loaded then have arrived (waiting at most 1 s for them) and the
 * page is idle again. Everything deferred meanwhile runs together, in 8 ms slices.
 */
export function later(fn) {
  if (deferred.push(fn) > 1) return;
  idle(() => {
    let timer;
    const cap = new Promise((go) => {
      timer = setTimeout(go, 1000);
    });
    Promise.race([Promise.allSettled([...arriving]), cap]).then(() => {
      clearTimeout(timer);
      idle(() => deferred.splice(0).forEach(soon));
    });
  });
}
