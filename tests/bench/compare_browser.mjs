// Helper of compare_browser.sh: runs one program (Lectern, or Chromium showing the HTML edition)
// as a tagged process tree and measures it from /proc. Prints one JSON object on stdout.
//
//   node compare_browser.mjs session lectern  [options] -- PROGRAM ARGS...
//   node compare_browser.mjs session chromium [options] -- PROGRAM ARGS...
//       Starts PROGRAM, waits until its first page is shown (Lectern: its X window exists, found
//       by _NET_WM_PID with xdotool; Chromium: the page at --url has had its 'load' event and
//       its first contentful paint, read over the DevTools protocol), waits --settle seconds,
//       then counts the CPU time of the whole tree over --idle seconds with no input, and stops
//       the tree. Memory is sampled every 50 ms from start to stop.
//       Options: --idle S (10)  --settle S (2)  --url URL (chromium)  --profile DIR (chromium's
//       --user-data-dir, where it writes DevToolsActivePort)  --maps FILE (write the files the
//       tree has mapped, for the installed-size count)  --also-pid PID (count this process's
//       CPU over the same window too, reported apart: the X server)
//   node compare_browser.mjs run [options] -- PROGRAM ARGS...
//       Runs PROGRAM to its exit: wall time from spawn to exit, the tree's memory, and the
//       "first-frame-ms N" that lectern --first-frame-exit prints.
//   node compare_browser.mjs field FILE KEY
//       Prints KEY of every JSON line in FILE, one a line.
//   node compare_browser.mjs packages LECTERN_SEEDS CHROMIUM_SEEDS
//       Installed size: each SEEDS file lists package names and/or absolute file paths (mapped
//       files; their owning packages are found with dpkg -S). Each set is closed over the
//       installed packages' Depends and Pre-Depends (first installed alternative or provider),
//       and the packages in one closure but not the other are summed (dpkg Installed-Size),
//       leaving out packages on every Debian system (Essential, or Priority required/important).
//
// The tree: every process in the session the program was started in (it is started with setsid),
// plus every process whose environment holds LECTERN_BENCH_TAG=<this run's tag>. Chromium's crash
// handlers leave both the process tree (re-parented to init) and the session, but keep the
// environment; Chromium's other processes overwrite theirs (process titles) but stay in the session.
//
// Memory: sum over the tree of VmRSS (/proc/PID/status), sampled every 50 ms, and of Pss
// (/proc/PID/smaps_rollup: each shared page divided by the number of processes mapping it),
// sampled every 500 ms; the peak of each sum is reported, in KiB. Also the sum of each process's own VmHWM (kernel high-water mark)
// at its last sample, an upper bound that cannot miss a short peak of a single process.
// CPU: utime + stime + cutime + cstime (/proc/PID/stat, clock ticks) summed over the tree at the
// start and end of the idle window; children reaped inside the window land in their parent's
// cutime/cstime, so they are counted.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = dirname(fileURLToPath(import.meta.url));
const now = () => performance.timeOrigin + performance.now();  // epoch ms, sub-ms resolution

function die(message, code = 1) {
  console.error(`compare_browser.mjs: ${message}`);
  process.exit(code);
}

function parseArgs(argv) {
  const options = {};
  let i = 0;
  for (; i < argv.length && argv[i] !== '--'; i++) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) die(`bad option ${argv[i]}`, 2);
    options[argv[i].slice(2)] = argv[++i];
  }
  return { options, command: argv.slice(i + 1) };
}

// ---- /proc -------------------------------------------------------------------------------------

function readText(path) {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

// Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses):
// index 0 is field 3 (state), so field N is index N - 3.
function statFields(pid) {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return null;
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function statusKb(text, key) {
  const m = text && text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : 0;
}

class Tree {
  constructor(tag) {
    this.tag = `LECTERN_BENCH_TAG=${tag}`;
    this.session = null;  // the session id of the started program (it is a session leader)
    this.known = new Map();  // "pid:starttime" -> true (ours) / false
    this.members = new Map();  // pid -> { start, hwm }
    this.peakRss = 0;
    this.peakPss = 0;
    this.peakCount = 0;
    this.samples = 0;
  }

  // The tagged processes now alive (pid -> starttime).
  scan() {
    const alive = new Map();
    for (const name of readdirSync('/proc')) {
      if (name < '0' || name > '9') continue;
      const fields = statFields(name);
      if (!fields) continue;
      const key = `${name}:${fields[19]}`;
      let ours = this.known.get(key);
      if (ours === undefined) {
        if (this.session !== null && Number(fields[3]) === this.session) {
          ours = true;
        } else {
          const env = readText(`/proc/${name}/environ`);
          if (env === null) continue;  // gone, or not readable: not ours
          ours = env.split('\0').includes(this.tag);
        }
        this.known.set(key, ours);
      }
      if (ours) alive.set(Number(name), fields[19]);
    }
    return alive;
  }

  // VmRSS of every member every time; Pss every 10th time only (smaps_rollup walks the page
  // tables: ~1 ms per Chromium process, too much to do 20 times a second beside a starting
  // program on a small machine). The Pss peak is therefore sampled every 500 ms.
  sample() {
    const alive = this.scan();
    const withPss = this.samples % 10 === 0;
    let rss = 0;
    let pss = 0;
    for (const pid of alive.keys()) {
      const status = readText(`/proc/${pid}/status`);
      if (!status) continue;
      rss += statusKb(status, 'VmRSS');
      if (withPss) pss += statusKb(readText(`/proc/${pid}/smaps_rollup`), 'Pss');
      const member = this.members.get(pid) || { cmd: (readText(`/proc/${pid}/comm`) || '').trim() };
      member.hwm = statusKb(status, 'VmHWM');
      this.members.set(pid, member);
    }
    this.peakRss = Math.max(this.peakRss, rss);
    if (withPss) this.peakPss = Math.max(this.peakPss, pss);
    this.peakCount = Math.max(this.peakCount, alive.size);
    this.samples++;
    return alive;
  }

  // utime + stime + cutime + cstime over the tree, in clock ticks.
  ticks() {
    let sum = 0;
    for (const pid of this.scan().keys()) {
      const f = statFields(pid);
      if (f) sum += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return sum;
  }

  sumHwm() {
    let sum = 0;
    for (const m of this.members.values()) sum += m.hwm;
    return sum;
  }

  mappedFiles() {
    const files = new Set();
    for (const pid of this.scan().keys()) {
      const maps = readText(`/proc/${pid}/maps`) || '';
      for (const line of maps.split('\n')) {
        const path = line.split(/\s+/).slice(5).join(' ');
        if (path.startsWith('/') && !path.endsWith(' (deleted)')) files.add(path);
      }
      const exe = (() => { try { return execFileSync('readlink', [`/proc/${pid}/exe`]).toString().trim(); } catch { return ''; } })();
      if (exe) files.add(exe);
    }
    return [...files].sort();
  }

  // SIGTERM, then SIGKILL, to every tagged process (all started by this helper).
  async stop(child) {
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try { process.kill(-child.pid, signal); } catch { /* group gone */ }
      for (const pid of this.scan().keys()) {
        try { process.kill(pid, signal); } catch { /* gone */ }
      }
      for (let i = 0; i < 30 && this.scan().size > 0; i++) await sleep(100);
      if (this.scan().size === 0) return;
    }
  }
}

function startTree(command, extraEnv = {}) {
  const tag = randomBytes(8).toString('hex');
  const tree = new Tree(tag);
  const spawnedAt = now();
  // Own process group, so the whole group can be signalled; output kept for error reports.
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, ...extraEnv, LECTERN_BENCH_TAG: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,  // setsid(): the child leads a new session and process group
  });
  tree.session = child.pid;
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('error', (e) => die(`cannot start ${command[0]}: ${e.message}`));
  let sampling = true;
  const sampler = (async () => {
    // Every 50 ms on the clock, whatever a sample costs.
    for (let next = now(); sampling; ) {
      tree.sample();
      next += 50;
      await sleep(Math.max(0, next - now()));
    }
  })();
  return {
    tree, child, spawnedAt, exited,
    output: () => output,
    stopSampling: async () => { sampling = false; await sampler; },
  };
}

function memoryResult(tree) {
  return {
    peak_rss_kib: tree.peakRss, peak_pss_kib: tree.peakPss, sum_hwm_kib: tree.sumHwm(),
    peak_processes: tree.peakCount, samples: tree.samples,
    processes: [...tree.members.values()].map((m) => m.cmd),
  };
}

// ---- Chromium over the DevTools protocol ------------------------------------------------------

async function chromiumFirstPage(profile, url, settle, exited) {
  const require = createRequire(join(here, '..', 'html', 'package.json'));
  const { chromium } = require('playwright-core');
  const portFile = join(profile, 'DevToolsActivePort');
  const deadline = now() + 30000;
  let died = null;
  exited.then((e) => { died = e; });
  while (!existsSync(portFile) || !(readText(portFile) || '').includes('\n')) {
    if (died) throw new Error(`chromium exited (${JSON.stringify(died)}) before opening its DevTools port`);
    if (now() > deadline) throw new Error('chromium wrote no DevToolsActivePort within 30 s');
    await sleep(50);
  }
  // Connecting is work for the browser: give the page time to load undisturbed first. The
  // timings are read afterwards from the page's own Performance timeline (buffered).
  await sleep(settle * 1000);
  const port = readText(portFile).split('\n')[0].trim();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: 30000 });
  try {
    let page = null;
    while (!page) {
      page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url() === url) || null;
      if (!page) {
        if (now() > deadline + settle * 1000) throw new Error(`no page at ${url}`);
        await sleep(50);
      }
    }
    const timing = await page.evaluate(async () => {
      const until = performance.now() + 20000;
      for (;;) {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        if (nav && nav.loadEventEnd > 0 && fcp) {
          const fp = performance.getEntriesByName('first-paint')[0];
          return {
            timeOrigin: performance.timeOrigin, fcp: fcp.startTime, fp: fp ? fp.startTime : null,
            domContentLoaded: nav.domContentLoadedEventEnd, loadEventStart: nav.loadEventStart,
            loadEventEnd: nav.loadEventEnd, images: [...document.images].filter((i) => i.complete && i.naturalWidth > 0).length,
          };
        }
        if (performance.now() > until) return { error: 'no load event or first-contentful-paint within 20 s' };
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    if (timing.error) throw new Error(timing.error);
    return { timing, port };
  } finally {
    // Disconnects; the page stays open (checked below through /json/list).
    await browser.close();
  }
}

async function session(kind, options, command) {
  const idle = Number(options.idle ?? 10);
  const settle = Number(options.settle ?? 2);
  const s = startTree(command);
  const result = { kind };
  try {
    if (kind === 'lectern') {
      // GLFW sets _NET_WM_PID, so the window can be found by process id (as measure_idle_cpu.sh).
      await new Promise((resolve, reject) => {
        const x = spawn('timeout', ['20', 'xdotool', 'search', '--sync', '--pid', String(s.child.pid)], { stdio: 'ignore' });
        x.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`no window within 20 s: ${s.output().slice(0, 400)}`))));
      });
      result.window_ms = now() - s.spawnedAt;
      await sleep(settle * 1000);
    } else {
      const { timing, port } = await chromiumFirstPage(options.profile, options.url, settle, s.exited);
      result.spawn_to_fcp_ms = timing.timeOrigin + timing.fcp - s.spawnedAt;
      result.spawn_to_fp_ms = timing.fp === null ? null : timing.timeOrigin + timing.fp - s.spawnedAt;
      result.spawn_to_load_ms = timing.timeOrigin + timing.loadEventEnd - s.spawnedAt;
      result.spawn_to_navigation_ms = timing.timeOrigin - s.spawnedAt;
      result.navigation_to_fcp_ms = timing.fcp;
      result.navigation_to_load_ms = timing.loadEventEnd;
      result.images_loaded = timing.images;
      // The page must still be there after the disconnect, or the idle count means nothing.
      const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      if (!targets.some((t) => t.type === 'page' && t.url === options.url)) throw new Error('the page closed after the DevTools disconnect');
      await sleep(1000);
    }
    if (options.maps) writeFileSync(options.maps, s.tree.mappedFiles().join('\n') + '\n');
    const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString());
    const other = options['also-pid'] ? Number(options['also-pid']) : null;
    const otherTicks = () => { const f = other && statFields(other); return f ? Number(f[11]) + Number(f[12]) : 0; };
    const before = s.tree.ticks();
    const otherBefore = otherTicks();
    const t0 = now();
    await sleep(idle * 1000);
    const after = s.tree.ticks();
    const otherAfter = otherTicks();
    const seconds = (now() - t0) / 1000;
    if (s.tree.scan().size === 0) throw new Error(`${kind} exited during the idle window: ${s.output().slice(0, 400)}`);
    result.idle_seconds = seconds;
    result.idle_ticks = after - before;
    result.clk_tck = hz;
    result.idle_cpu_pct = (100 * (after - before)) / hz / seconds;
    if (other) result.also_pid_idle_cpu_pct = (100 * (otherAfter - otherBefore)) / hz / seconds;
  } catch (e) {
    await s.stopSampling();
    await s.tree.stop(s.child);
    die(`${kind}: ${e.message}`);
  }
  await s.stopSampling();
  Object.assign(result, memoryResult(s.tree));
  await s.tree.stop(s.child);
  console.log(JSON.stringify(result));
}

async function run(command) {
  const s = startTree(command);
  const { code, signal } = await s.exited;
  const wall = now() - s.spawnedAt;
  await s.stopSampling();
  await s.tree.stop(s.child);  // stragglers (Chromium's crash handler)
  if (code !== 0) die(`${command[0]} exited with ${code ?? signal}: ${s.output().slice(-600)}`);
  const firstFrame = s.output().match(/^first-frame-ms ([0-9.]+)$/m);  // lectern --first-frame-exit
  console.log(JSON.stringify({
    wall_ms: wall, ...(firstFrame ? { first_frame_ms: Number(firstFrame[1]) } : {}),
    output: s.output().slice(-2000), ...memoryResult(s.tree),
  }));
}

// ---- installed size ---------------------------------------------------------------------------

function installedPackages() {
  const out = execFileSync('dpkg-query', ['-W', '-f',
    '${db:Status-Abbrev}\t${Package}\t${Installed-Size}\t${Provides}\t${Pre-Depends}\t${Depends}\t${Priority}\t${Essential}\n'],
  { maxBuffer: 64 << 20 }).toString();
  const pkgs = new Map();
  const providers = new Map();
  for (const line of out.split('\n')) {
    const [status, name, size, provides, pre, deps, priority, essential] = line.split('\t');
    if (!status || !status.startsWith('ii') || pkgs.has(name)) continue;
    pkgs.set(name, {
      size: Number(size) || 0, deps: [pre, deps].filter(Boolean).join(', '),
      // On every Debian system whatever is installed on it: left out of both sides.
      base: essential === 'yes' || priority === 'required' || priority === 'important',
    });
    for (const p of (provides || '').split(',')) {
      const n = p.trim().split(/[\s:(]/)[0];
      if (n) providers.set(n, [...(providers.get(n) || []), name]);
    }
  }
  return { pkgs, providers };
}

function closure(seeds, db, via = new Map()) {
  const seen = new Set();
  const stack = [...seeds].filter((s) => db.pkgs.has(s));
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    for (const group of db.pkgs.get(name).deps.split(',')) {
      const alternatives = group.split('|').map((a) => a.trim().split(/[\s:(]/)[0]).filter(Boolean);
      let pick = alternatives.find((a) => db.pkgs.has(a));
      if (!pick) for (const a of alternatives) { pick = (db.providers.get(a) || [])[0]; if (pick) break; }
      if (pick && !seen.has(pick)) {
        if (!via.has(pick) && !seeds.has(pick)) via.set(pick, name);
        stack.push(pick);
      }
    }
  }
  return seen;
}

// Package names owning the given absolute paths (dpkg -S; /usr/lib and /lib both tried, as
// dpkg's database still has many libraries under /lib after the /usr merge).
function owners(paths) {
  const variants = new Set();
  for (const p of paths) {
    variants.add(p);
    const m = p.match(/^\/usr(\/(?:lib|lib64|bin|sbin)\/.*)$/);
    if (m) variants.add(m[1]);
    else if (/^\/(lib|lib64|bin|sbin)\//.test(p)) variants.add(`/usr${p}`);
  }
  let out = '';
  try {
    out = execFileSync('dpkg', ['-S', ...variants], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 }).toString();
  } catch (e) {
    out = e.stdout ? e.stdout.toString() : '';  // exit 1 when some path has no owner
  }
  const names = new Set();
  for (const line of out.split('\n')) {
    const m = line.match(/^(.+?): \//);
    if (!m || m[1].startsWith('diversion by')) continue;
    for (const n of m[1].split(',')) names.add(n.trim().split(':')[0]);
  }
  return names;
}

function seedsFrom(file) {
  const entries = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const names = new Set(entries.filter((e) => !e.startsWith('/')));
  for (const n of owners(entries.filter((e) => e.startsWith('/')))) names.add(n);
  return names;
}

function packages(lecternFile, chromiumFile) {
  const db = installedPackages();
  const lSeeds = seedsFrom(lecternFile);
  const cSeeds = seedsFrom(chromiumFile);
  const lVia = new Map();
  const cVia = new Map();
  const l = closure(lSeeds, db, lVia);
  const c = closure(cSeeds, db, cVia);
  const sum = (names) => [...names].reduce((s, n) => s + db.pkgs.get(n).size, 0);
  const only = (a, b) => [...a].filter((n) => !b.has(n)).sort();
  const chain = (n, via) => { const path = [n]; while (via.has(path[0]) && path.length < 12) path.unshift(via.get(path[0])); return path.join(' > '); };
  const detail = (names, via) => names.map((n) => ({ name: n, kib: db.pkgs.get(n).size, via: chain(n, via) })).sort((a, b) => b.kib - a.kib);
  const lOnly = only(l, c);
  const cOnly = only(c, l);
  const counted = (names) => names.filter((n) => !db.pkgs.get(n).base);
  const base = (names) => names.filter((n) => db.pkgs.get(n).base);
  const shared = [...l].filter((n) => c.has(n));
  console.log(JSON.stringify({
    lectern_seeds: [...lSeeds].sort(), chromium_seeds: [...cSeeds].sort(),
    lectern_closure: l.size, chromium_closure: c.size,
    shared: shared.length, shared_kib: sum(shared),
    lectern_closure_kib: sum(counted([...l])), chromium_closure_kib: sum(counted([...c])),
    lectern_only_kib: sum(counted(lOnly)), chromium_only_kib: sum(counted(cOnly)),
    lectern_only_base_kib: sum(base(lOnly)), chromium_only_base_kib: sum(base(cOnly)),
    lectern_only: detail(counted(lOnly), lVia), chromium_only: detail(counted(cOnly), cVia),
    lectern_only_base: base(lOnly), chromium_only_base: base(cOnly),
    chromium_main_kib: ['chromium', 'chromium-common'].reduce((s, n) => s + (db.pkgs.get(n)?.size || 0), 0),
  }));
}

// ---- main -------------------------------------------------------------------------------------

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'field') {
  // field FILE KEY: KEY of each JSON line of FILE, one a line (for medians in the shell script).
  for (const line of readFileSync(rest[0], 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const value = JSON.parse(line)[rest[1]];
    if (value !== undefined && value !== null) console.log(typeof value === 'object' ? JSON.stringify(value) : value);
  }
} else if (mode === 'packages') {
  if (rest.length !== 2) die('usage: packages LECTERN_SEEDS CHROMIUM_SEEDS', 2);
  packages(rest[0], rest[1]);
} else if (mode === 'session' || mode === 'run') {
  const kind = mode === 'session' ? rest.shift() : null;
  if (mode === 'session' && kind !== 'lectern' && kind !== 'chromium') die('session lectern|chromium', 2);
  const { options, command } = parseArgs(rest);
  if (command.length === 0) die('no command after --', 2);
  if (kind === 'chromium' && (!options.url || !options.profile)) die('session chromium needs --url and --profile', 2);
  if (mode === 'session') await session(kind, options, command);
  else await run(command);
} else {
  die('usage: compare_browser.mjs session lectern|chromium [options] -- CMD... | run -- CMD... | packages L C', 2);
}
