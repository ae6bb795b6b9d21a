// The HTML report's page. Everything is inline and the Content-Security-Policy forbids every fetch, so the file
// shows the same offline, from a mail attachment or a CI artifact. The script builds the page from the embedded
// JSON with DOM calls and text nodes only (never innerHTML), so nothing a test printed is ever parsed as markup.
#include <testkit/report/detail/html_page.hpp>

namespace testkit::detail {

const std::string_view html_page_before_report = R"tk(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>testkit report</title>
<style>
:root { --line: #d0d7de; --soft: #f6f8fa; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
header { padding: 14px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
main { padding: 0 24px 24px; }
h1 { font-size: 20px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; margin: 4px 0;
  max-height: 24em; overflow: auto; white-space: pre-wrap; word-break: break-word;
  font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.error { margin: 12px 24px; padding: 8px 12px; border: 1px solid #cf222e; background: #ffebe9; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
.count { padding: 2px 10px; border-radius: 10px; background: #fff; border: 1px solid var(--line); }
.count b { font-variant-numeric: tabular-nums; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 20px; margin: 6px 0 0; color: var(--muted); }
.facts div { white-space: nowrap; }
.facts dt { display: inline; font-weight: 600; }
.facts dd { display: inline; margin: 0 0 0 4px; white-space: normal; }
.badge { display: inline-block; min-width: 5.2em; padding: 0 6px; border-radius: 4px; text-align: center; color: #fff;
  font: 600 11px/1.7 ui-monospace, "DejaVu Sans Mono", monospace; }
.v-passed { background: #1a7f37; } .v-expected_failure { background: #4d8f5f; } .v-skipped { background: #8c959f; }
.v-failed { background: #cf222e; } .v-unexpected_pass { background: #bf3989; } .v-crashed { background: #8250df; }
.v-timed_out { background: #bc4c00; } .v-exited_early { background: #a40e26; } .v-output_limit { background: #7d4e00; }
.v-flaky { background: #9a6700; } .v-leaked { background: #0550ae; } .v-memory_error { background: #6e2b00; }
.attempt { border-left: 3px solid var(--line); margin: 6px 0; padding-left: 8px; }
.failure { border: 1px solid var(--line); border-left: 4px solid #cf222e; border-radius: 4px; margin: 6px 0; }
.failure > summary { padding: 6px 10px; cursor: pointer; }
.failure > div { padding: 0 12px 8px; }
.item { margin: 8px 0; }
.headline { font-weight: 600; }
.timeline { border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; }
.lane-row { display: grid; grid-template-columns: 60px 1fr; align-items: center; }
.lane-row > span { color: var(--muted); font-size: 12px; }
.lane { position: relative; height: 20px; border-bottom: 1px dashed #eaeef2; }
.axis .lane { height: 18px; border: 0; }
.tick { position: absolute; top: 0; transform: translateX(-50%); font-size: 11px; color: var(--muted); white-space: nowrap; }
.tick:first-child { transform: none; } .tick:last-child { transform: translateX(-100%); }
.bar { position: absolute; top: 3px; height: 14px; min-width: 2px; border-radius: 2px; cursor: pointer;
  box-shadow: inset -1px 0 #fff; }
.bar:hover { outline: 2px solid #1f2328; z-index: 1; }
.controls { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 6px 0 8px; }
.controls input[type=search] { width: 26em; max-width: 100%; padding: 4px 8px; font: inherit; }
.controls label { white-space: nowrap; cursor: pointer; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: var(--soft); cursor: pointer; user-select: none; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr.test { cursor: pointer; }
tbody tr.test:hover { background: #f3f8ff; }
tr.more > td { background: #fbfcfd; }
tr.flash { background: #fff8c5; }
.tag { display: inline-block; margin-left: 6px; padding: 0 5px; border-radius: 8px; background: #ddf4ff; font-size: 11px; }
</style>
</head>
<body>
<div id="tk-error" class="error" hidden></div>
<noscript><p class="error">This report is drawn by JavaScript; the JSON report it shows is in the page's source.</p></noscript>
<header id="summary"></header>
<main>
<section id="failures"></section>
<section><h2>Timeline</h2><div id="timeline" class="timeline"></div></section>
<section><h2>Tests</h2><div id="controls" class="controls"></div>
<table><thead><tr id="columns"></tr></thead><tbody id="tests"></tbody></table></section>
</main>
<script type="application/json" id="tk-report">)tk";

const std::string_view html_page_after_report = R"tk(</script>
<script>
(() => {
'use strict';
const root = document.documentElement;
const fail = (error) => {
  const text = String((error && (error.stack || error.message)) || error);
  root.setAttribute('data-tk-error', text);
  const box = document.getElementById('tk-error');
  box.textContent = 'This report could not be shown: ' + text;
  box.hidden = false;
};
window.addEventListener('error', (event) => fail(event.error || event.message));

const FAILING = new Set(['failed', 'unexpected_pass', 'crashed', 'timed_out', 'exited_early', 'output_limit', 'leaked',
  'memory_error']);
const LABEL = {passed: 'PASS', failed: 'FAIL', skipped: 'SKIP', expected_failure: 'XFAIL', unexpected_pass: 'XPASS',
  crashed: 'CRASH', timed_out: 'TIMEOUT', exited_early: 'EXIT', output_limit: 'FLOOD', flaky: 'FLAKY',
  leaked: 'LEAK', memory_error: 'MEMORY'};
const ORDER = ['failed', 'memory_error', 'crashed', 'timed_out', 'exited_early', 'output_limit', 'leaked', 'unexpected_pass',
  'flaky', 'skipped', 'expected_failure', 'passed'];

// An element with attributes (on* keys are listeners) and children; strings become text nodes, never markup.
const el = (tag, attributes, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity))
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
};
const isNumber = (value) => typeof value === 'number' && isFinite(value);
const seconds = (s) => !isNumber(s) ? '\u2013' : s === 0 ? '0 s' : s >= 100 ? s.toFixed(0) + ' s' : s >= 1 ? s.toFixed(2) + ' s'
  : s >= 0.001 ? (s * 1e3).toFixed(1) + ' ms' : (s * 1e6).toFixed(0) + ' \u00b5s';
const cpu = (t) => t.usage ? t.usage.user_cpu_s + t.usage.system_cpu_s : null;
const memory = (t) => !t.usage || !t.usage.max_rss_kib ? '\u2013' : t.usage.max_rss_kib >= 1024
  ? (t.usage.max_rss_kib / 1024).toFixed(1) + ' MiB' : t.usage.max_rss_kib + ' KiB';
const badge = (verdict) => el('span', {class: 'badge v-' + verdict, title: verdict}, LABEL[verdict] || verdict);
const where = (location) => location.file + ':' + location.line;
const pre = (text) => el('pre', {}, text);

// What the page knows of one test, for its failure, its row and its details.
const details = (t, open) => {
  const parts = [el('div', {class: 'muted'}, where(t.location), t.param ? ' \u00b7 parameter ' + t.param : '',
    t.tags.length ? ' \u00b7 tags ' + t.tags.join(', ') : '', ' \u00b7 ' + seconds(t.duration_s))];
  if (t.reason) parts.push(el('div', {class: 'item'}, t.verdict === 'skipped' ? 'Skipped: ' : 'Reason: ', t.reason));
  for (const f of t.failures) {
    parts.push(el('div', {class: 'item'},
      el('div', {class: 'muted'}, f.location.file === t.location.file ? 'line ' + f.location.line : where(f.location),
        f.phase !== 'test' ? ' in ' + f.phase : '',
        f.subtest ? ' \u00b7 subtest ' + f.subtest : ''),
      el('div', {class: 'headline'}, f.headline),
      f.details ? pre(f.details) : null,
      f.message ? pre(f.message) : null,
      f.stacktrace ? el('details', {}, el('summary', {}, 'stack trace'), pre(f.stacktrace)) : null));
  }
  if (t.omitted_failures) parts.push(el('div', {class: 'muted'}, t.omitted_failures + ' more failures not kept'));
  for (const stream of ['stdout', 'stderr']) {
    const output = t[stream];
    if (output && output.total_bytes > 0)
      parts.push(el('details', {open}, el('summary', {}, stream + ' (' + output.total_bytes + ' bytes)'), pre(output.text)));
  }
  if (t.tmp_path) parts.push(el('div', {class: 'muted'}, 'tmp_path: ' + t.tmp_path.path + (t.tmp_path.kept ? ' (kept)' : ' (removed)')));
  // A test that ran again after failing (--retries): each earlier attempt, as the test itself is shown.
  for (const a of t.attempts || [])
    parts.push(el('details', {class: 'attempt', open},
      el('summary', {}, 'attempt ' + a.attempt + ' of ' + (t.attempts.length + 1) + ' ', badge(a.verdict)),
      details(Object.assign({location: t.location, param: '', tags: []}, a), open)));
  return parts;
};

const summary = (report, tests) => {
  const tally = report.tally;
  const ok = tally.failed === 0 && !report.interrupted_by;
  const count = (label, value, verdict) => el('span', {class: 'count'}, verdict ? badge(verdict) : null, ' ',
    el('b', {}, value), ' ' + label);
  const fact = (label, value) => isNumber(value) || (typeof value === 'string' && value) ? el('div', {}, el('dt', {}, label), el('dd', {}, value)) : null;
  const cpuTotal = tests.reduce((sum, t) => sum + (cpu(t) || 0), 0);
  const started = isNumber(report.started_unix_ms)
    ? new Date(report.started_unix_ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : null;
  document.getElementById('summary').append(
    el('h1', {}, report.program, ' ', el('span', {class: 'badge ' + (ok ? 'v-passed' : 'v-failed')}, ok ? 'PASSED' : 'FAILED')),
    el('div', {class: 'counts'}, count('tests', tally.total), count('passed', tally.passed, 'passed'),
      count('failed', tally.failed, 'failed'), count('skipped', tally.skipped, 'skipped'),
      tally.expected_failures ? count('expected failures', tally.expected_failures, 'expected_failure') : null,
      tally.flaky ? count('flaky (counted as passed)', tally.flaky, 'flaky') : null),
    (report.pass_ratios || []).some((r) => r.pass_ratio.passed < r.pass_ratio.runs)
      ? el('div', {class: 'muted'}, 'Did not pass every run: ', report.pass_ratios.filter((r) => r.pass_ratio.passed < r.pass_ratio.runs)
        .map((r, i) => (i ? ', ' : '') + r.full_name + (r.param ? ' ' + r.param : '') + ' ' + r.pass_ratio.passed + '/' + r.pass_ratio.runs)) : null,
    el('dl', {class: 'facts'}, fact('started', started), fact('time', isNumber(report.duration_s) ? seconds(report.duration_s) : null),
      fact('CPU', cpuTotal > 0 ? seconds(cpuTotal) : null), fact('host', report.hostname), fact('jobs', report.jobs),
      fact('seed', isNumber(report.seed) ? String(report.seed) : null),
      report.shard && report.shard.count > 1 ? fact('shard', (report.shard.index + 1) + ' of ' + report.shard.count) : null,
      fact('interrupted by', report.interrupted_by), report.sandbox ? fact('sandbox', report.sandbox.description) : null));
};

const failures = (tests) => {
  const failing = tests.filter((t) => FAILING.has(t.verdict));
  const section = document.getElementById('failures');
  const item = (t, open) => el('details', {class: 'failure', open, 'data-name': t.full_name},
    el('summary', {}, badge(t.verdict), ' ', el('b', {}, t.full_name), t.param ? ' ' + t.param : ''),
    el('div', {}, details(t, true)));
  section.append(el('h2', {}, failing.length ? 'Failures (' + failing.length + ')' : 'Failures'));
  if (!failing.length) section.append(el('p', {class: 'muted'}, 'No test failed.'));
  failing.forEach((t, i) => section.append(item(t, i < 10)));
  // Tests that failed, then passed when run again (--retries): passes, with the attempts that failed.
  const flaky = tests.filter((t) => t.verdict === 'flaky');
  if (flaky.length) section.append(el('h2', {}, 'Flaky (' + flaky.length + ')'), flaky.map((t) => item(t, false)));
};

const timeline = (report, tests, show) => {
  const box = document.getElementById('timeline');
  const placed = tests.filter((t) => isNumber(t.started_s) && isNumber(t.duration_s) && isNumber(t.slot));
  if (!placed.length) {
    box.append(el('p', {class: 'muted'}, tests.length ? 'This report has no times (a --deterministic run records none).'
      : 'No test ran.'));
    return;
  }
  const span = Math.max(isNumber(report.duration_s) ? report.duration_s : 0,
    ...placed.map((t) => t.started_s + t.duration_s)) || 1e-9;
  const lanes = Math.max(isNumber(report.jobs) ? report.jobs : 0, ...placed.map((t) => t.slot + 1));
  const busy = placed.reduce((sum, t) => sum + t.duration_s, 0);
  const longest = [...placed].sort((a, b) => b.duration_s - a.duration_s).slice(0, 5);
  const percent = (s) => (100 * s / span).toFixed(3) + '%';
  box.append(el('p', {class: 'muted'}, lanes + (lanes === 1 ? ' job slot' : ' job slots') + ', busy ' +
    (100 * busy / (lanes * span)).toFixed(0) + '% of ' + seconds(span) + '. Longest: ',
    longest.map((t, i) => [i ? ', ' : '', el('a', {href: '#', onclick: (e) => { e.preventDefault(); show(t.index); }},
      t.full_name + (t.param ? ' ' + t.param : '')), ' ' + seconds(t.duration_s)])));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tick = el('span', {class: 'tick'}, seconds(f * span));
    tick.style.left = f * 100 + '%';
    return tick;
  });
  box.append(el('div', {class: 'lane-row axis'}, el('span', {}, ''), el('div', {class: 'lane'}, ticks)));
  const rows = Array.from({length: lanes}, (_, slot) => el('div', {class: 'lane', 'data-slot': slot}));
  for (const t of placed) {
    const bar = el('div', {class: 'bar v-' + t.verdict, 'data-name': t.full_name,
      title: t.full_name + (t.param ? ' ' + t.param : '') + '\n' + (LABEL[t.verdict] || t.verdict) + ', ' +
        seconds(t.duration_s) + ' from ' + seconds(t.started_s) + ', slot ' + t.slot, onclick: () => show(t.index)});
    bar.style.left = percent(t.started_s);
    bar.style.width = percent(t.duration_s);
    rows[t.slot].append(bar);
  }
  rows.forEach((lane, slot) => box.append(el('div', {class: 'lane-row'}, el('span', {}, 'slot ' + slot), lane)));
};

const table = (tests) => {
  const columns = [
    {title: 'Verdict', key: (t) => ORDER.indexOf(t.verdict), cell: (t) => badge(t.verdict)},
    {title: 'Test', key: (t) => t.full_name + ' ' + t.param,
      cell: (t) => [t.full_name, t.param ? el('span', {class: 'muted'}, ' ' + t.param) : null,
        t.tags.map((tag) => el('span', {class: 'tag'}, tag))]},
    {title: 'Duration', num: true, key: (t) => t.duration_s, cell: (t) => seconds(t.duration_s)},
    {title: 'CPU', num: true, key: cpu, cell: (t) => seconds(cpu(t))},
    {title: 'Peak memory', num: true, key: (t) => t.usage && t.usage.max_rss_kib, cell: memory},
    {title: 'Slot', num: true, key: (t) => t.slot, cell: (t) => isNumber(t.slot) ? t.slot : '\u2013'},
    {title: 'Started', num: true, key: (t) => t.started_s, cell: (t) => seconds(t.started_s)}];
  const body = document.getElementById('tests');
  const rows = tests.map((t) => {
    const row = el('tr', {class: 'test', 'data-name': t.full_name, 'data-verdict': t.verdict},
      columns.map((c) => el('td', {class: c.num ? 'num' : null}, c.cell(t))));
    const text = [t.full_name, t.param, t.verdict, LABEL[t.verdict], t.reason, where(t.location), ...t.tags,
      ...t.failures.flatMap((f) => [f.headline, f.details, f.message])].join('\n').toLowerCase();
    const entry = {t, row, text, more: null};
    row.addEventListener('click', () => toggle(entry));
    return entry;
  });
  const toggle = (entry, open) => {
    if (!entry.more) entry.more = el('tr', {class: 'more'}, el('td', {colspan: columns.length}, details(entry.t, false)));
    const shown = entry.more.isConnected;
    if (shown && open !== true) entry.more.remove();
    else if (!shown) entry.row.after(entry.more);
  };
  let sortColumn = -1;
  let direction = 1;
  const draw = () => {
    const ordered = sortColumn < 0 ? rows : [...rows].sort((a, b) => {
      const x = columns[sortColumn].key(a.t);
      const y = columns[sortColumn].key(b.t);
      if (x === y) return a.t.index - b.t.index;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * direction;
    });
    for (const entry of ordered) {
      body.append(entry.row);
      if (entry.more && entry.more.isConnected) entry.row.after(entry.more);
    }
  };
  document.getElementById('columns').append(...columns.map((c, i) => el('th', {class: c.num ? 'num' : null,
    title: 'sort', onclick: () => { direction = sortColumn === i ? -direction : 1; sortColumn = i; draw(); }}, c.title)));

  const counts = {};
  for (const t of tests) counts[t.verdict] = (counts[t.verdict] || 0) + 1;
  const search = el('input', {type: 'search', placeholder: 'Search names, tags, messages\u2026', 'aria-label': 'search'});
  const boxes = ORDER.filter((v) => counts[v]).map((v) => el('input', {type: 'checkbox', value: v, checked: true}));
  const shown = el('span', {class: 'muted'});
  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const verdicts = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    let visible = 0;
    for (const entry of rows) {
      const hide = !verdicts.has(entry.t.verdict) || !words.every((w) => entry.text.includes(w));
      entry.row.hidden = hide;
      if (entry.more) entry.more.hidden = hide;
      visible += hide ? 0 : 1;
    }
    shown.textContent = visible + ' of ' + rows.length + ' tests shown';
  };
  search.addEventListener('input', filter);
  boxes.forEach((b) => b.addEventListener('change', filter));
  document.getElementById('controls').append(search,
    ...boxes.map((b) => el('label', {}, b, ' ', badge(b.value), ' ' + counts[b.value])), shown);
  draw();
  filter();
  // Shows the test at `index` of the report: filters cleared if they hide it, its details open, scrolled to.
  return (index) => {
    const entry = rows[index];
    if (entry.row.hidden) {
      search.value = '';
      boxes.forEach((b) => { b.checked = true; });
      filter();
    }
    toggle(entry, true);
    entry.row.classList.add('flash');
    setTimeout(() => entry.row.classList.remove('flash'), 1500);
    entry.row.scrollIntoView({block: 'center'});
  };
};

try {
  const report = JSON.parse(document.getElementById('tk-report').textContent);
  if (report.schema !== 'testkit-report') throw new Error('not a testkit report');
  const tests = report.tests.map((t, index) => Object.assign({index}, t));
  document.title = report.program + ' \u2014 testkit report';
  summary(report, tests);
  failures(tests);
  const show = table(tests);
  timeline(report, tests, show);
  root.setAttribute('data-tk-rendered', 'true');
} catch (error) {
  fail(error);
}
})();
</script>
</body>
</html>
)tk";

}  // namespace testkit::detail
