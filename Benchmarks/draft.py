#!/usr/bin/env python3
"""How fast `parley draft` is (issue 13), against baselines in the same run.

1. One article of about 2,000 words (the evaluation set's articles, one after another, repeated),
   drafted by the release binary as a whole process, against the same binary reading the same
   casefile and listing its parties (start-up and the case's loading, no drafting). The difference
   is the drafting itself.
2. A folder of 1,000 articles (the evaluation articles, copied under dated names) drafted into a
   folder of drafts, against `cat` reading the same files (disk speed).

Usage: Scripts/benchmark-draft [--runs N] [--articles N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "Evaluation", "draft")


def timed(command, runs, **kwargs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", required=True)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    case = os.path.join(EVAL, "case.yaml")
    texts = []
    for folder in ("dev", "tuned", "holdout"):
        for name in sorted(os.listdir(os.path.join(EVAL, folder))):
            if name.endswith(".txt"):
                texts.append(open(os.path.join(EVAL, folder, name), encoding="utf-8").read())
    work = tempfile.mkdtemp(prefix="parley-draft-bench-")
    try:
        # 1. One long article.
        body = []
        words = 0
        while words < 2000:
            for text in texts:
                body.append(text)
                words += len(text.split())
                if words >= 2000:
                    break
        article = os.path.join(work, "long.txt")
        with open(article, "w", encoding="utf-8") as f:
            f.write("\n\n".join(body))
        draft = timed([args.parley, "draft", article, "--published", "2024-07-02", "--casefile", case,
                       "--output", os.path.join(work, "long.draft.yaml")], args.runs)
        base = timed([args.parley, "party", "list", "--casefile", case], args.runs)
        print(f"one article of {words} words: draft {draft * 1000:.1f} ms as a whole process; "
              f"start-up and case {base * 1000:.1f} ms; drafting itself {(draft - base) * 1000:.1f} ms")

        # 2. A folder of articles.
        folder = os.path.join(work, "articles")
        os.makedirs(folder)
        total = 0
        for i in range(args.articles):
            text = texts[i % len(texts)]
            day = 1 + i % 28
            path = os.path.join(folder, f"article-{i:04d}-2024-06-{day:02d}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            total += len(text.encode())
        out = os.path.join(work, "drafts")
        runs = max(3, args.runs // 3)
        start_times = []
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            subprocess.run([args.parley, "draft", folder, "--casefile", case, "--output", out], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            start_times.append(time.perf_counter() - start)
        folder_time = statistics.median(start_times)
        files = sorted(os.path.join(folder, n) for n in os.listdir(folder))
        cat = timed(["cat"] + files, runs)
        print(f"{args.articles} articles ({total / 1e6:.1f} MB): draft {folder_time:.2f} s "
              f"({args.articles / folder_time:.0f} articles/s); cat {cat * 1000:.0f} ms; "
              f"ratio {folder_time / cat:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
