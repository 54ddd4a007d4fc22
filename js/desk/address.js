// The address holds the desk's state (?q=…&entity=…&topic=…&source=…&year=…&sort=date#fact-id, and the preview's
// lang, theme, w and as), so a view can be sent to a colleague; back and forward replay it.

const KEYS = ['q', 'entity', 'topic', 'source', 'year', 'sort', 'lang', 'theme', 'w', 'as'];

/** The state the address says. */
export function read() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const k of KEYS) s[k] = p.get(k) || '';
  try {
    s.fact = decodeURIComponent(location.hash.slice(1));
  } catch {
    s.fact = location.hash.slice(1);
  }
  return s;
}

/** The address of state `s`. */
export function address(s) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (s[k]) p.set(k, s[k]);
  const q = p.toString();
  return `${location.pathname}${q ? `?${q}` : ''}${s.fact ? `#${encodeURIComponent(s.fact)}` : ''}`;
}
