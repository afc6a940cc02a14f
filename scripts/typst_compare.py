#!/usr/bin/env python3
"""Issue 16's "board export CPU vs typst, same content", measured (a benchmark run by hand).

    python3 scripts/typst_compare.py [--runs N] [--out DIR]

1. Installs typst (the `typst` PyPI package, typst-py: the typst compiler as a Python module;
   no wheel on PyPI carries the typst CLI) into a venv under the cargo target folder
   (`$CARGO_TARGET_DIR/typst-venv`, or `$TYPST_VENV`) when it is not there yet. Nothing here is
   needed by the tests or CI. (typst-py 0.15.2 is typst 0.15.1.)
2. Builds (release) `gongkai`, `examples/typst_board.rs` and `examples/pdf_scale.rs`, and writes
   the fixture's board as `board.typ` with the same content (see typst_board.rs).
3. Runs, alternately and each in a fresh process, N times:
   - `gongkai export tests/fixtures/qinghe.gongkai.json --mode board -o gongkai.pdf`,
     counting the child's whole CPU time (user + sys, from wait4's rusage);
   - typst compiling board.typ with the bundled fonts only (`font_paths=[fonts/]`,
     `ignore_system_fonts=True`), counting only the `typst.compile` call's CPU time
     (`time.process_time()` around it, every thread of the process): Python's start-up and
     the module's import are left out, which is generous to typst. The PDF is written
     untagged (`pdf_tags=False`), like ours; the tagged default is timed too, for context.
   and prints the medians and the ratio, with our warm per-export figure (pdf_scale's `board`
   scenario: a mean of 20 exports in one process, a fresh layout engine each).
4. Shows the content is the same: both PDFs' text (pdftotext) counted in hanzi, the characters
   one has more often than the other listed, and both rendered with `pdftoppm -r 30 -png`.

Everything is written to DIR (default `$CARGO_TARGET_DIR/typst-compare`), the figures also
to `figures.txt` there.
"""

import argparse
import collections
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "qinghe.gongkai.json")
FONTS = os.path.join(ROOT, "fonts")
TYPST_VERSION = "0.15.2"

# Run in the venv's Python as a fresh process: compile once, print the call's CPU seconds.
TYPST_CHILD = """
import resource, sys, time
import typst
source, output, fonts, tags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "tagged"
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.process_time()
typst.compile(source, output=output, font_paths=[fonts], ignore_system_fonts=True, pdf_tags=tags)
cpu_s = time.process_time() - start
after = resource.getrusage(resource.RUSAGE_SELF)
print(cpu_s, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)
"""


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def say(text):
    print(text, flush=True)


def need_program(name, package):
    if shutil.which(name) is None:
        sys.exit(f"{name} is missing: apt-get install {package}")


def typst_python():
    """The venv's Python with typst installed, made on first use."""
    venv = os.environ.get("TYPST_VENV") or os.path.join(target_dir(), "typst-venv")
    python = os.path.join(venv, "bin", "python")
    check = [python, "-c", f"import typst, sys; sys.exit(typst.__version__ != '{TYPST_VERSION}')"]
    if os.path.exists(python) and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    say(f"installing typst {TYPST_VERSION} (PyPI: typst) into {venv}")
    made = subprocess.run([sys.executable, "-m", "venv", venv])
    if made.returncode != 0:
        sys.exit("python3 -m venv failed: apt-get install python3-venv, then run this again")
    subprocess.run([python, "-m", "pip", "install", "-q", f"typst=={TYPST_VERSION}"], check=True)
    return python


def build():
    say("building (release): gongkai, examples typst_board and pdf_scale")
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "gongkai",
         "--example", "typst_board", "--example", "pdf_scale"],
        cwd=ROOT, check=True,
    )
    release = os.path.join(target_dir(), "release")
    return (os.path.join(release, "gongkai"),
            os.path.join(release, "examples", "typst_board"),
            os.path.join(release, "examples", "pdf_scale"))


def child_cpu_s(command):
    """Runs a command as a fresh process; ((user, sys) CPU seconds, its stdout)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.dup2(write_end, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
    return (usage.ru_utime, usage.ru_stime), output


def hanzi(pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    return collections.Counter(
        ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--out", default=os.path.join(target_dir(), "typst-compare"))
    args = parser.parse_args()
    need_program("pdftotext", "poppler-utils")
    need_program("pdftoppm", "poppler-utils")
    os.makedirs(args.out, exist_ok=True)
    python = typst_python()
    gongkai, typst_board, pdf_scale = build()
    typ = os.path.join(args.out, "board.typ")
    ours_pdf = os.path.join(args.out, "gongkai.pdf")
    typst_pdf = os.path.join(args.out, "typst.pdf")
    tagged_pdf = os.path.join(args.out, "typst-tagged.pdf")
    subprocess.run([typst_board, typ], check=True)

    ours_cmd = [gongkai, "export", FIXTURE, "--mode", "board", "-o", ours_pdf]
    typst_cmd = [python, "-c", TYPST_CHILD, typ, typst_pdf, FONTS, "untagged"]
    tagged_cmd = [python, "-c", TYPST_CHILD, typ, tagged_pdf, FONTS, "tagged"]
    # Per run: (CPU s, user s, sys s).
    ours, typst_call, typst_process, tagged_call = [], [], [], []
    say(f"{args.runs} cold runs each, alternating")
    for _ in range(args.runs):
        (user_s, sys_s), _ = child_cpu_s(ours_cmd)
        ours.append((user_s + sys_s, user_s, sys_s))
        (user_s, sys_s), output = child_cpu_s(typst_cmd)
        typst_call.append(tuple(float(word) for word in output.split()[-3:]))
        typst_process.append(user_s + sys_s)
        tagged_call.append(float(child_cpu_s(tagged_cmd)[1].split()[-3]))
    warm_s = float(child_cpu_s([pdf_scale, "--child", "board"])[1].split()[0])

    def median(runs, field=0):
        return statistics.median(run[field] for run in runs)

    ours_s, typst_s = median(ours), median(typst_call)
    lines = [
        f"machine: {os.cpu_count()} cores; typst-py {TYPST_VERSION}; {args.runs} cold runs each, medians",
        f"gongkai export --mode board (fresh process, whole process CPU): {ours_s:.3f} s"
        f"  (user {median(ours, 1):.3f}, sys {median(ours, 2):.3f}; min {min(run[0] for run in ours):.3f}, max {max(run[0] for run in ours):.3f})",
        f"typst.compile, untagged PDF (fresh process, the call's CPU only): {typst_s:.3f} s"
        f"  (user {median(typst_call, 1):.3f}, sys {median(typst_call, 2):.3f}; min {min(run[0] for run in typst_call):.3f}, max {max(run[0] for run in typst_call):.3f})",
        f"typst.compile, tagged PDF (typst's default): {statistics.median(tagged_call):.3f} s",
        f"typst process with Python start-up and import: {statistics.median(typst_process):.3f} s",
        f"board export CPU ÷ typst CPU (cold, measured): {ours_s / typst_s:.3f}×  (issue 16 target ≤ 0.12×)",
        f"our warm per-export figure (pdf_scale board: mean of 20 in one process): {warm_s:.3f} s",
    ]
    ours_hanzi, typst_hanzi = hanzi(ours_pdf), hanzi(typst_pdf)
    only_ours = ours_hanzi - typst_hanzi
    only_typst = typst_hanzi - ours_hanzi
    lines += [
        f"hanzi in the text (pdftotext): gongkai {sum(ours_hanzi.values())}, typst {sum(typst_hanzi.values())}; "
        f"distinct {len(ours_hanzi)} / {len(typst_hanzi)}",
        f"  more often in gongkai's: {sum(only_ours.values())} {''.join(sorted(only_ours.elements()))[:60]}",
        f"  more often in typst's: {sum(only_typst.values())} {''.join(sorted(only_typst.elements()))[:60]}",
    ]
    for pdf in (ours_pdf, typst_pdf):
        stem = os.path.splitext(pdf)[0]
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", pdf, stem], check=True)
        lines.append(f"render: {stem}.png ({os.path.getsize(pdf) // 1024} KB PDF)")
    report = "\n".join(lines)
    say(report)
    with open(os.path.join(args.out, "figures.txt"), "w", encoding="utf-8") as figures:
        figures.write(time.strftime("%Y-%m-%d %H:%M\n") + report + "\n")


if __name__ == "__main__":
    main()
