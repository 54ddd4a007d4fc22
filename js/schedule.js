// When work runs, so that the cards the reader sees come first and a page of a thousand elements stays responsive:
// DOM updates in 8 ms slices (`soon`), cards far from the viewport when they come near (`whenNear`), and work that
// can wait (the core for a search box, mentions' cards, autolinking) after the cards on their way (`later`).

// DOM updates run at once while the current task has spent under 8 ms on them; past that they wait in a queue
// that later tasks work through 8 ms at a time.
// A slice lasts until its task ends (a message posted when it starts ends it), so that the promise continuations
// its jobs start, which run in the same task, count against it too: each job runs after the first continuations
// of the one before (a job that wakes a far card is quick, but the card's loading that follows is not). The queue goes on in MessageChannel tasks, which take turns with the page's timers
// (continuations of scheduler.yield() go first: a 50 ms timer did not fire once in 1.5 s of them).
const queue = [];
const channel = new MessageChannel();
let sliceEnd = -1; // -1: this task has not started a slice yet
let posted = false;
const post = () => posted || ((posted = true), channel.port2.postMessage(0));
function begin() {
  sliceEnd = performance.now() + 8;
  post(); // ends this task's slice in the next task, and goes on with the queue there
}
// Runs a job, then lets its promise continuations run before it goes on.
function step() {
  if (!queue.length || performance.now() >= sliceEnd) return;
  try {
    queue.shift()();
  } finally {
    queueMicrotask(step);
  }
}
channel.port1.onmessage = () => {
  posted = false;
  sliceEnd = -1;
  if (!queue.length) return;
  begin();
  step();
};

/** Runs `fn` now if this task's 8 ms slice has room, else in a later slice, in order (`first`: before the rest). */
export function soon(fn, first) {
  if (sliceEnd < 0) begin();
  if ((first || !queue.length) && performance.now() < sliceEnd) return fn();
  first ? queue.unshift(fn) : queue.push(fn);
  post();
}

/** Runs `fn` when the browser is idle (within 2 s). */
export const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));

// Cards the reader can see load at once; the others wait until the reader scrolls near them, or until the cards in
// view have arrived and the page is idle, so that the first cards get the network and the main thread to themselves.
const waiting = new Map(); // element -> its load()
let watcher = null;
let sweep = false;
let checks = null; // cards connected and not measured yet, with their load()
let checked = 0; // how many of them have been

function wake(el) {
  const load = waiting.get(el);
  if (!load) return;
  waiting.delete(el);
  watcher.unobserve(el);
  if (el.isConnected) load(); // a card removed meanwhile loads when it is connected again
}

// Measures the cards connected since the last check, as many as the slice has room for (the first forces the one
// layout they need), and goes on in the next slice, before anything else there.
function check() {
  const h = innerHeight;
  while (checked < checks.length) {
    if (performance.now() >= sliceEnd) return soon(check, true);
    const [el, load] = checks[checked++];
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
  checks = null;
}

/**
 * Calls `load()` when `el` is within a screen of the viewport, or once the cards nearer the reader have arrived.
 * The cards connected in one task are measured together once it is done with them, ahead of other work.
 */
export function whenNear(el, load) {
  if (!window.IntersectionObserver) return load();
  if (!checks) {
    [checks, checked] = [[], 0];
    queueMicrotask(() => soon(check, true));
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
