#!/usr/bin/env python3
"""rapport past one machine, on Spark.

1. The archives are imported into one lake by the executors: one task per archive, each
   running `rapport import ARCHIVE --into LAKE` with the binary shipped with the job (the
   lake must be on storage every executor sees; writes of one account wait for each other,
   writes of different accounts go side by side).
2. The cohort is computed by Spark SQL over the lake's tables (cohort.sql, next to this
   file): one row per account, the same numbers as `rapport analyze LAKE --each` gives in
   its cohort.csv for the figures SQL can compute from the tables alone.

    python3 examples/spark/cohort.py --rapport target/release/rapport --lake LAKE \\
        --out cohort.csv --master 'local[2]' archives.txt

(or `spark-submit examples/spark/cohort.py ...` on a cluster). `archives.txt` holds one
archive path a line. Nothing is sent anywhere: Spark's local mode runs in this process.
"""

import argparse
import csv
import os
import re
import subprocess
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession

TABLES = ["posts", "interactions", "connections", "messages", "manifest"]


def cohort_sql(dialect_ms):
    """cohort.sql with `{ms(x)}` made the engine's milliseconds-since-epoch function."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cohort.sql")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return re.sub(r"\{ms\(([^)]*)\)\}", dialect_ms + r"(\1)", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rapport", required=True, help="the rapport binary to ship")
    ap.add_argument("--lake", required=True, help="the lake (shared by every executor)")
    ap.add_argument("--out", required=True, help="the cohort as CSV")
    ap.add_argument("--master", default=None, help="e.g. local[2]; spark-submit sets it")
    ap.add_argument("archives", help="a file with one archive path a line")
    args = ap.parse_args()

    with open(args.archives, encoding="utf-8") as f:
        paths = [
            os.path.abspath(line.strip())
            for line in f
            if line.strip() and not line.startswith("#")
        ]
    builder = (
        SparkSession.builder.appName("rapport cohort")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    binary = os.path.abspath(args.rapport)
    sc.addFile(binary)
    name = os.path.basename(binary)
    lake = os.path.abspath(args.lake)

    def run_import(part):
        shipped = SparkFiles.get(name)
        os.chmod(shipped, 0o755)
        for path in part:
            done = subprocess.run(
                [shipped, "import", path, "--into", lake, "--quiet"],
                capture_output=True,
                text=True,
            )
            yield (path, done.returncode, done.stderr.strip())

    results = sc.parallelize(paths, max(len(paths), 1)).mapPartitions(run_import).collect()
    failed = [r for r in results if r[1] != 0]
    for path, code, err in failed:
        print(f"rapport spark: {path}: exit {code}: {err}", file=sys.stderr)

    for table in TABLES:
        frame = spark.read.option("basePath", f"{lake}/{table}").parquet(f"{lake}/{table}")
        if "at" in frame.columns:
            frame = frame.withColumnRenamed("at", "at_time")
        frame.createOrReplaceTempView(table)
    rows = spark.sql(cohort_sql("unix_millis")).collect()
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(
            [
                "platform",
                "account",
                "downloads",
                "engagement.posts",
                "history.posts_deleted_since",
                "history.connections_lost",
                "history.connections_gained",
            ]
        )
        for r in rows:
            out.writerow(["" if v is None else v for v in r])
    spark.stop()
    print(f"rapport spark: {len(paths) - len(failed)} archives imported, {len(rows)} accounts")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
