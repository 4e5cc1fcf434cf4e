#!/usr/bin/env python3
"""bench.py — `make bench`: times every stage of folio on the bundled thesis and on generated
inputs 10x and 100x its size, and reports medians, peak memory, pages and output sizes.

Each size: one warm-up, then RUNS runs of `folio build -v` on one core (taskset, where there
is one: the target is the whole pipeline on one core), with stage times from its `stage NAME:
T ms` lines, whole-process wall time and peak RSS from /usr/bin/time. The generated inputs are
made here from the thesis's TEI with multiply.xsl (unique ids, notes numbered on); nothing is
committed. Where valgrind is installed, the thesis run's instructions are also counted with
callgrind: unlike wall time, that count is the same on a busy or a quiet machine. Results: a
table on stdout and out/bench/bench.json. Optional peers, where installed: pandoc (TEI -> EPUB)
and Apache FOP (our FO -> PDF, the FO kept by one extra run), each as a ratio measured in the
same run.
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLIO = os.path.join(ROOT, 'bin', 'folio')
OUT = os.path.join(ROOT, 'out', 'bench')
RUNS = int(os.environ.get('BENCH_RUNS', '5'))
SIZES = [int(x) for x in os.environ.get('BENCH_SIZES', '1,10,100').split(',')]
STAGE = re.compile(r'stage ([\w-]+): ([0-9.]+) ms')


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def formats():
    """The formats this build of folio has (it says which are not built yet)."""
    return os.environ.get('BENCH_FORMATS', 'tei,epub,pdf')


def make_inputs(work):
    """thesis.txt for 1x; TEI made N times larger for the others."""
    inputs = {1: os.path.join(ROOT, 'xml', 'thesis.txt')}
    base = os.path.join(work, 'base')
    r = run([FOLIO, 'build', inputs[1], '-o', base, '--formats', 'tei', '-q'])
    if r.returncode != 0:
        sys.exit('bench: cannot import the thesis: ' + r.stderr)
    for n in SIZES:
        if n == 1:
            continue
        path = os.path.join(work, 'thesis-x%d.xml' % n)
        with open(path, 'w') as f:
            r = subprocess.run(['xsltproc', '--param', 'copies', str(n),
                                os.path.join(ROOT, 'tests', 'bench', 'multiply.xsl'),
                                os.path.join(base, 'thesis.xml')], stdout=f)
        if r.returncode != 0:
            sys.exit('bench: cannot make the %dx input' % n)
        inputs[n] = path
    return inputs


def one_core():
    """taskset's prefix pinning a command to the first CPU this process may use, or none."""
    if not shutil.which('taskset') or not hasattr(os, 'sched_getaffinity'):
        return []
    return ['taskset', '-c', str(min(os.sched_getaffinity(0)))]


def one_run(inp, outdir, keep_fo=False):
    t0 = time.perf_counter()
    r = run(one_core() + ['/usr/bin/time', '-f', 'maxrss %M', FOLIO, 'build', inp, '-o', outdir,
                          '--formats', formats(), '-v'] + (['--keep-fo'] if keep_fo else []))
    wall = (time.perf_counter() - t0) * 1000
    if r.returncode != 0:
        sys.exit('bench: folio failed on %s:\n%s' % (inp, r.stderr[-2000:]))
    stages = {m.group(1): float(m.group(2)) for m in STAGE.finditer(r.stderr)}
    rss = int(re.search(r'maxrss (\d+)', r.stderr).group(1))
    return wall, stages, rss


def pages(pdf):
    if not os.path.exists(pdf) or not shutil.which('pdfinfo'):
        return None
    m = re.search(r'Pages:\s+(\d+)', run(['pdfinfo', pdf]).stdout)
    return int(m.group(1)) if m else None


def measure(n, inp, work):
    outdir = os.path.join(work, 'out-x%d' % n)
    one_run(inp, outdir)  # warm-up
    runs = [one_run(inp, outdir) for _ in range(RUNS)]
    stem = os.path.join(outdir, os.path.splitext(os.path.basename(inp))[0])
    names = sorted({s for _, st, _ in runs for s in st})
    res = {
        'size': n,
        'wall_ms': statistics.median(w for w, _, _ in runs),
        'stages_ms': {s: statistics.median(st.get(s, 0.0) for _, st, _ in runs) for s in names},
        'peak_rss_kib': max(r for _, _, r in runs),
        'pages': pages(stem + '.pdf'),
        'bytes': {ext: os.path.getsize(stem + '.' + ext)
                  for ext in ('xml', 'epub', 'pdf') if os.path.exists(stem + '.' + ext)},
    }
    if res['pages']:
        res['pdf_bytes_per_page'] = res['bytes'].get('pdf', 0) / res['pages']
    if n == 1:  # the FO for FOP, from a run not timed (writing it costs the run time)
        one_run(inp, outdir, keep_fo=True)
    res['fo'] = stem + '.fo' if os.path.exists(stem + '.fo') else None
    return res


def instructions(inp, work):
    """Instructions of one whole run on inp (callgrind), or None without valgrind."""
    if not shutil.which('valgrind'):
        return None
    log = os.path.join(work, 'callgrind.out')
    r = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + log, FOLIO, 'build', inp,
             '-o', os.path.join(work, 'out-callgrind'), '--formats', formats(), '-q'])
    m = re.search(r'Collected : (\d+)', r.stderr) or re.search(r'refs:\s+([\d,]+)', r.stderr)
    return int(m.group(1).replace(',', '')) if r.returncode == 0 and m else None


def peer_times(res1, work):
    """Ratios against pandoc and FOP on the same inputs, where they are installed."""
    peers = {}
    if shutil.which('pandoc'):
        # Debian's pandoc 2.17 has no TEI reader: it converts the same manuscript text
        # (as Markdown) to EPUB 3, against folio's whole run from that text.
        out = os.path.join(work, 'pandoc.epub')
        ts = []
        for _ in range(3):
            t0 = time.perf_counter()
            r = run(['pandoc', '-f', 'markdown', '-t', 'epub3', '--metadata', 'title=thesis',
                     os.path.join(ROOT, 'xml', 'thesis.txt'), '-o', out])
            ts.append((time.perf_counter() - t0) * 1000)
        if r.returncode == 0:
            peers['pandoc_epub_ms'] = statistics.median(ts)
            peers['pandoc_epub_ratio_to_folio_whole_run'] = peers['pandoc_epub_ms'] / res1['wall_ms']
    fo = res1.get('fo')
    if fo and shutil.which('fop'):
        conf = os.path.join(ROOT, 'tests', 'fop.xconf')
        ts = []
        for _ in range(3):
            t0 = time.perf_counter()
            r = run(['fop', '-c', conf, '-fo', fo, '-pdf', os.path.join(work, 'fop.pdf')])
            ts.append((time.perf_counter() - t0) * 1000)
        if r.returncode != 0:
            return peers
        ours = res1['stages_ms'].get('typeset', 0) + res1['stages_ms'].get('pdf-write', 0)
        peers['fop_ms'] = statistics.median(ts)
        if ours:
            peers['fop_ratio'] = peers['fop_ms'] / ours
    return peers


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix='folio-bench-')
    try:
        inputs = make_inputs(work)
        results = [measure(n, inputs[n], work) for n in SIZES]
        if results and results[0]['size'] == 1:
            results[0]['instructions'] = instructions(inputs[1], work)
        peers = peer_times(results[0], work) if results and results[0]['size'] == 1 else {}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in results:
        r.pop('fo', None)
    report = {'runs': RUNS, 'machine': os.uname().machine, 'cpus': os.cpu_count(),
              'results': results, 'peers': peers}
    with open(os.path.join(OUT, 'bench.json'), 'w') as f:
        json.dump(report, f, indent=1, sort_keys=True)
    for r in results:
        stages = '  '.join('%s %.2f' % kv for kv in sorted(r['stages_ms'].items()))
        print('x%-4d wall %8.1f ms  rss %7.1f MiB  pages %-6s  %s' % (
            r['size'], r['wall_ms'], r['peak_rss_kib'] / 1024, r['pages'], stages))
    base = results[0]
    if base.get('instructions'):
        print('x%d instructions (callgrind): %.0f M' % (base['size'], base['instructions'] / 1e6))
    for r in results[1:]:
        print('x%d / x%d per unit: time %.2f, memory %.2f' % (
            r['size'], base['size'], (r['wall_ms'] / r['size']) / base['wall_ms'],
            (r['peak_rss_kib'] / r['size']) / base['peak_rss_kib']))
    for k, v in sorted(peers.items()):
        print('%s %.1f' % (k, v))
    print('bench: wrote', os.path.join(OUT, 'bench.json'))


if __name__ == '__main__':
    main()
