// A tiny reader for the benchmark's questions file: arrays of tables ([[question]], [[nothing]]) whose values
// are strings, arrays of strings (which may span lines), integers or booleans. Anything else is an error with
// its line number, never a silent misreading. Runs in node and in the browser.
//
//   parseQuestions(text) -> { question: [{ query, expect: [...] , ...}], nothing: [{ query, ... }] }

export function parseQuestions(text) {
  const out = {};
  let table = null;
  let i = 0;
  let line = 1;
  const fail = (msg) => { throw new Error(`questions file, line ${line}: ${msg}`); };
  const peek = () => text[i];
  const skipSpace = () => { while (peek() === ' ' || peek() === '\t') i++; };
  const skipComment = () => { if (peek() === '#') while (i < text.length && peek() !== '\n') i++; };
  const endOfLine = () => {
    skipSpace();
    skipComment();
    if (i < text.length && peek() !== '\n' && !(peek() === '\r' && text[i + 1] === '\n')) fail(`unexpected "${peek()}"`);
  };
  // Blank space, newlines and comments, as allowed between array items.
  const skipBlank = () => {
    for (;;) {
      skipSpace();
      skipComment();
      if (peek() === '\r' && text[i + 1] === '\n') i++;
      if (peek() !== '\n') return;
      i++;
      line++;
    }
  };

  const ESC = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
  function string() {
    const q = peek();
    if (text.startsWith(q.repeat(3), i)) fail('multi-line strings are not supported here');
    i++;
    let s = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === q) return s;
      if (c === '\\' && q === '"') {
        const e = text[i++];
        if (e in ESC) s += ESC[e];
        else if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = text.slice(i, i + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail(`bad escape \\${e}${hex}`);
          s += String.fromCodePoint(parseInt(hex, 16));
          i += n;
        } else fail(`bad escape \\${e}`);
      } else s += c;
    }
  }

  function value() {
    const c = peek();
    if (c === '"' || c === "'") return string();
    if (c === '[') {
      i++;
      const arr = [];
      for (;;) {
        skipBlank();
        if (peek() === ']') { i++; return arr; }
        if (peek() !== '"' && peek() !== "'") fail('only strings are supported inside arrays');
        arr.push(string());
        skipBlank();
        if (peek() === ',') i++;
        else if (peek() !== ']') fail('expected "," or "]" in array');
      }
    }
    const m = /^(true|false|[+-]?\d[\d_]*)(?=[ \t\r\n#]|$)/.exec(text.slice(i, i + 40));
    if (!m) fail(`unsupported value starting with "${text.slice(i, i + 12)}"`);
    i += m[0].length;
    return m[1] === 'true' ? true : m[1] === 'false' ? false : Number(m[1].replace(/_/g, ''));
  }

  while (i < text.length) {
    skipBlank();
    if (i >= text.length) break;
    if (text.startsWith('[[', i)) {
      const end = text.indexOf(']]', i);
      const name = end < 0 ? '' : text.slice(i + 2, end).trim();
      if (!/^[A-Za-z0-9_-]+$/.test(name)) fail('expected [[name]]');
      i = end + 2;
      table = {};
      (out[name] ||= []).push(table);
    } else if (peek() === '[') {
      fail('only arrays of tables ([[name]]) are supported');
    } else {
      const m = /^([A-Za-z0-9_-]+)[ \t]*=[ \t]*/.exec(text.slice(i, i + 200));
      if (!m) fail('expected key = value');
      if (!table) fail(`key "${m[1]}" outside a [[table]]`);
      if (m[1] in table) fail(`duplicate key "${m[1]}"`);
      i += m[0].length;
      table[m[1]] = value();
    }
    endOfLine();
  }
  return out;
}
