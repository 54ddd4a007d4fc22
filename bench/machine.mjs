// What the scale benches share: the machine a figure was measured on (date, cores, CPU model, load average at that
// moment), a command timed with its peak memory, and the figures written as JSON beside the Markdown results, for
// report.mjs (bench/figures/NAME.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** The load average now, as `uptime` prints it: "0.52, 1.10, 1.31" (1, 5 and 15 minutes). */
export const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/** The machine: cores (`nproc`), the CPU model from /proc/cpuinfo, the date, and the load when this was called. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? 'unknown CPU';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  return { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', nproc: Number(nproc), cpu: model, load: load() };
}

/**
 * Runs `cmd args` under /usr/bin/time: { s (wall seconds), mb (peak resident memory), out, err, load (before it
 * ran) }. Throws with its stderr when it fails.
 */
export function timed(cmd, args, opts = {}) {
  const before = load();
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  const m = r.stderr.match(/TIME ([\d.]+) (\d+)\s*$/);
  return { s: Number(m[1]), mb: Math.round(Number(m[2]) / 1024), out: r.stdout, err: r.stderr.slice(0, m.index), load: before };
}

/** Writes bench/figures/NAME.json: `figures` with the machine they were measured on. */
export function record(name, figures) {
  const dir = new URL('figures/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify({ machine: machine(), ...figures }, null, 1)}\n`);
}

/** bench/figures/NAME.json as `record` wrote it, or null. */
export function recorded(name) {
  try {
    return JSON.parse(readFileSync(new URL(`figures/${name}.json`, import.meta.url), 'utf8'));
  } catch {
    return null;
  }
}

/** Nearest-rank percentile (0 < p ≤ 100) of numbers. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** The fact a first card shows and the correction changes: f-054321, or the middle one of a smaller set. */
export const firstFact = (n) => `f-${String(n > 54321 ? 54321 : Math.floor(n / 2)).padStart(6, '0')}`;

/** A count of facts as the benches name it: 100000 -> "100k", 1000000 -> "1m". */
export const label = (n) => (n % 1e6 === 0 ? `${n / 1e6}m` : n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

/**
 * Search questions for a generated set of `n` facts, read from its published cards (`site`: the folder, relative to
 * the repository root `root`): the eight fixed ones, then the English title (whole, or its first three words) of 80
 * facts spread over the set and the Chinese title of 12 more, so that percentiles up to p99 mean something.
 */
export function questions(root, site, n, versions) {
  const fixed = ['battery exports', 'invests billion yuan', 'robots research centre', 'share of national output', 'laptops growth', 'display panels plant', '智能手机 出口', 'chips engineers'];
  const title = (id, lang) => {
    const html = readFileSync(`${root}${site}${lang}/${id}.${versions[id]}.html`, 'utf8');
    return html.match(/<h3 class="title"[^>]*>([^<]*)<\/h3>/)[1].replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);
  };
  const id = (k) => `f-${String((k * 7919 + 12345) % n).padStart(6, '0')}`;
  const more = [];
  for (let k = 0; k < 92; k++) {
    if (k % 8 === 7) more.push(title(id(k), 'zh'));
    else {
      const t = title(id(k), 'en');
      more.push(k % 2 ? t.split(' ').slice(0, 3).join(' ') : t);
    }
  }
  return { fixed, all: [...fixed, ...more] };
}
