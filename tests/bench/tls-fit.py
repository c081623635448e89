#!/usr/bin/env python3
"""How the suggested timeline's weights (src/core/suggest/mod.rs, WEIGHTS) were chosen on
Timeline17, leaving each topic out.

Usage: tls-fit.py T17_DIR [DATELINE]

For each topic, its articles are pooled into one collection (as ../shared/tools/tls-score does),
`dateline inspect --json` and `dateline dates --json` give the publication dates and the day
mentions, and each task's candidate days get these counts (articles, within the task's range):
published that day, published the next day, naming the day in full ("absolute" mentions),
counting it from the publication date ("relative"), announcing it (after publication),
naming it in a dateline-free first 200 bytes, naming their own publication day, speaking of it
30 days or more later, and mention count. A day's score is a weighted sum; the n best days are
the timeline; Date-F1 is computed as tls-score does (precision and recall averaged over tasks).
The weights are fitted by coordinate search (each weight over a grid, three rounds, the
"relative" weight fixed at 1), on eight topics, and scored on the ninth, for each topic in turn;
the held-out F1 is reported with the weights each fold chose. Nothing is fitted on a held-out
topic.
"""
import collections, datetime, json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '../../../shared/tools/tls-score'))
import score  # noqa: E402  (the shared harness: tasks and collections as it builds them)

D = datetime.date.fromisoformat
NAMES = ['published', 'published_next', 'named', 'counted', 'ahead', 'lead', 'same_day', 'late', 'mentions']
GRID = [0, 0.1, 0.25, 0.5, 1, 1.5, 2, 3]
START = [0.25, 0, 1, 1, 0.25, 0, 0, 0, 0]


def topic_features(dateline, tasks, work):
    arts_by_topic = collections.defaultdict(dict)
    for t in tasks:
        for a in t['articles']:
            arts_by_topic[t['topic']][a[3]] = a
    out = {}
    for topic, arts in arts_by_topic.items():
        coll = score.build_collection({'task': topic, 'articles': list(arts.values())}, work, 'copy')
        run = lambda cmd: subprocess.run([dateline, cmd, coll, '--json'], capture_output=True, text=True).stdout
        articles = {}
        for line in run('inspect').splitlines():
            o = json.loads(line)
            if o.get('published'):
                articles[o['path']] = {'pub': D(o['published'][:10]), 'm': []}
        for line in run('dates').splitlines():
            o = json.loads(line)
            if o.get('path') in articles and o.get('value') and o['precision'] in ('day', 'time'):
                try:
                    articles[o['path']]['m'].append((D(o['value'][:10]), o['kind'], o['start']))
                except ValueError:
                    pass
        out[topic] = articles
        shutil.rmtree(coll, ignore_errors=True)
    return out


def task_features(t, articles):
    s, e = t['start'], t['end']
    F = collections.defaultdict(lambda: [0.0] * len(NAMES))
    for a in articles.values():
        if not (s <= a['pub'] <= e):
            continue
        F[a['pub']][0] += 1
        F[a['pub'] - datetime.timedelta(days=1)][1] += 1
        per = collections.defaultdict(list)
        for d, kind, start in a['m']:
            per[d].append((kind, start))
        for d, ms in per.items():
            lag = (a['pub'] - d).days
            f = F[d]
            f[8] += len(ms)
            if lag == 0:
                f[6] += 1
                continue
            if lag < 0:
                f[4] += 1
                continue
            f[2 if any(k != 'relative' for k, _ in ms) else 3] += 1
            if min(st for _, st in ms) < 200:
                f[5] += 1
            if lag >= 30:
                f[7] += 1
    return {d: f for d, f in F.items() if s <= d <= e}


def f1(sel, w):
    ps, rs = [], []
    for t, F in sel:
        chosen = sorted(F, key=lambda d: (-sum(a * b for a, b in zip(w, F[d])), d))[:t['n_dates']]
        hit = len(set(chosen) & set(t['gold']))
        ps.append(hit / max(1, len(chosen)))
        rs.append(hit / len(t['gold']))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def fit(sel):
    w, best = list(START), f1(sel, START)
    for _ in range(3):
        for i in range(len(w)):
            if NAMES[i] == 'counted':
                continue
            for v in GRID:
                w2 = w[:]
                w2[i] = v
                f = f1(sel, w2)
                if f > best + 1e-9:
                    best, w = f, w2
    return w


def main():
    root = sys.argv[1]
    dateline = sys.argv[2] if len(sys.argv) > 2 else 'dateline'
    tasks = score.load_tasks(root)
    with tempfile.TemporaryDirectory() as work:
        feats = topic_features(dateline, tasks, work)
    tf = [(t, task_features(t, feats[t['topic']])) for t in tasks]
    held = []
    for topic in sorted({t['topic'] for t in tasks}):
        w = fit([x for x in tf if x[0]['topic'] != topic])
        test = [x for x in tf if x[0]['topic'] == topic]
        held.extend((t, F, w) for t, F in test)
        print(f'{topic:16} held-out F1 {f1(test, w):.3f}  weights {dict(zip(NAMES, w))}')
    ps, rs = [], []
    for t, F, w in held:
        chosen = sorted(F, key=lambda d: (-sum(a * b for a, b in zip(w, F[d])), d))[:t['n_dates']]
        hit = len(set(chosen) & set(t['gold']))
        ps.append(hit / max(1, len(chosen)))
        rs.append(hit / len(t['gold']))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    print(f'leave-one-topic-out Date-F1 {2 * p * r / (p + r):.3f}')
    print(f'fitted on all topics: {dict(zip(NAMES, fit(tf)))}')


if __name__ == '__main__':
    main()
