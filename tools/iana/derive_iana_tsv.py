#!/usr/bin/env python3
"""Derive the compact IANA service table that PortImpact.Knowledge embeds.

IANA publishes its "Service Name and Transport Protocol Port Number Registry" as a CSV whose
descriptions may span several lines inside quotes, so the file is read with the csv module rather
than line by line. Only what the tool looks up is kept: the name, the transport (tcp or udp, since
Windows functions and the worms in the catalog use nothing else), the port range and a one-line
description short enough for a terminal column. The CSV itself stays out of the repository; the
header line records its sha256 so anyone can tell which download a given table came from.

Usage: derive_iana_tsv.py CSV [-o OUT] [--date YYYY-MM-DD]
"""

import argparse
import csv
import datetime
import hashlib
import re
import sys
from pathlib import Path

DESCRIPTION_LIMIT = 80
TRANSPORTS = ("tcp", "udp")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "src/PortImpact.Knowledge/Catalog/iana-services.tsv"


def parse_ports(text):
    """Return (first, last) for '445' or '6000-6063', or None when the cell holds no port."""
    text = text.strip()
    if not text:
        return None
    first, _, last = text.partition("-")
    first, last = int(first), int(last or first)
    if not 0 <= first <= last <= 65535:
        raise ValueError(f"port range {text!r} is outside 0-65535")
    return first, last


def flatten(description):
    # Tabs and line breaks would split a TSV row, so every run of white space becomes one space.
    one_line = re.sub(r"\s+", " ", description).strip()
    return one_line[:DESCRIPTION_LIMIT].rstrip()


def derive(csv_path):
    rows = []
    seen = set()
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = record["Service Name"].strip()
            transport = record["Transport Protocol"].strip().lower()
            ports = parse_ports(record["Port Number"])
            if not name or ports is None or transport not in TRANSPORTS:
                continue
            key = (name.lower(), transport, ports)
            if key in seen:
                continue
            seen.add(key)
            rows.append((name, transport, ports[0], ports[1], flatten(record["Description"])))
    rows.sort(key=lambda row: (row[2], row[3], row[1], row[0].lower()))
    return rows


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="service-names-port-numbers.csv as downloaded from IANA")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--date", default=datetime.date.today().isoformat(),
                        help="date written into the header (default: today); pass it to rebuild byte for byte")
    args = parser.parse_args(argv)

    digest = hashlib.sha256(args.csv.read_bytes()).hexdigest()
    rows = derive(args.csv)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# derived from {args.csv.name} sha256={digest} on {args.date} by tools/iana/derive_iana_tsv.py\n")
        out.write("# service\ttransport\tfirst\tlast\tdescription\n")
        for name, transport, first, last, description in rows:
            out.write(f"{name}\t{transport}\t{first}\t{last}\t{description}\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
