#!/usr/bin/env python3
"""Reads a dyad Parquet file (`dyad code -o parquet --out FILE`, `dyad export --format parquet`) with two
independent readers, pyarrow and DuckDB, and prints the row count, the schema and the top dyads per CAMEO root.

Needs `pip install pyarrow duckdb` (both from PyPI). Exits non-zero when the file cannot be read, when the two
readers disagree on the row count, or when a column dyad's format promises is missing.
"""

import sys

EXPECTED_COLUMNS = {
    "event_id": "string",
    "doc_id": "string",
    "event_date": "date32[day]",
    "actor1_code": "string",
    "actor2_code": "string",
    "cameo_code": "string",
    "cameo_root": "string",
    "quad_class": "int32",
    "goldstein": "double",
    "place_name": "string",
    "confidence": "double",
}


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: read-parquet.py FILE", file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        import duckdb
        import pyarrow.parquet as pq
    except ImportError as missing:
        print(f"read-parquet: {missing.name} is missing: pip install pyarrow duckdb", file=sys.stderr)
        return 2

    # pyarrow: the file's metadata and schema.
    parquet_file = pq.ParquetFile(path)
    metadata = parquet_file.metadata
    schema = parquet_file.schema_arrow
    print(f"pyarrow {__import__('pyarrow').__version__}: {metadata.num_rows} rows, "
          f"{metadata.num_row_groups} row group(s), {len(schema)} columns, created by {metadata.created_by}")
    for field in schema:
        print(f"  {field.name}: {field.type}{'' if field.nullable else ' not null'}")
    problems = [
        f"{name}: expected {kind}, found {schema.field(name).type if name in schema.names else 'nothing'}"
        for name, kind in EXPECTED_COLUMNS.items()
        if name not in schema.names or str(schema.field(name).type) != kind
    ]

    # DuckDB: count and aggregate straight from the file.
    connection = duckdb.connect()
    (duck_rows,) = connection.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()
    print(f"duckdb {duckdb.__version__}: {duck_rows} rows")
    if duck_rows != metadata.num_rows:
        problems.append(f"row counts differ: pyarrow {metadata.num_rows}, duckdb {duck_rows}")
    top = connection.execute(
        """
        SELECT coalesce(actor1_code, '-') AS actor1, coalesce(actor2_code, '-') AS actor2, cameo_root,
               count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein
        FROM read_parquet(?)
        GROUP BY ALL
        ORDER BY events DESC, actor1, actor2, cameo_root
        LIMIT 10
        """,
        [path],
    ).fetchall()
    print("top dyads by CAMEO root (duckdb):")
    print(f"  {'actor1':<12} {'actor2':<12} {'root':<4} {'events':>6} {'goldstein':>9}")
    for actor1, actor2, root, events, goldstein in top:
        print(f"  {actor1:<12} {actor2:<12} {root:<4} {events:>6} {goldstein if goldstein is not None else '-':>9}")
    roots = connection.execute(
        "SELECT cameo_root, count(*) FROM read_parquet(?) GROUP BY ALL ORDER BY cameo_root", [path]
    ).fetchall()
    print("events by CAMEO root (duckdb): " + " ".join(f"{root}:{count}" for root, count in roots))

    for problem in problems:
        print(f"read-parquet: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
