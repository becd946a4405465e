#!/usr/bin/env python3
"""Writes Messages.resx (English) and Messages.ja.resx (Japanese) in PortImpact.Core from messages.tsv.

messages.tsv holds the bad-input messages of the layers below the command line (model, overlay, rule-file and
catalog readers, the engine); the CLI's own sentences are in strings.tsv. The TSV is the one place translators
edit; the .resx files are what .NET's ResourceManager reads, and a test checks they match the TSV.

Refuses a row that would break at run time: a duplicate key, an empty English or Japanese text, or a Japanese
text whose {n} placeholders differ from the English ones."""
import csv, os, re, sys
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "src", "PortImpact.Core", "Diagnostics")
rows = list(csv.DictReader(open(os.path.join(here, "messages.tsv"), encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


def placeholders(text):
    # {{ and }} are literal braces in a .NET format string, not placeholders.
    return sorted(set(re.findall(r"\{(\d+)[^{}]*\}", text.replace("{{", "").replace("}}", ""))))


keys = set()
for number, row in enumerate(rows, start=2):
    key = row["key"]
    if key in keys:
        sys.exit(f"messages.tsv:{number}: duplicate key {key}")
    keys.add(key)
    if not (row["en"] or "").strip() or not (row["ja"] or "").strip():
        sys.exit(f"messages.tsv:{number}: {key} needs both an English and a Japanese text")
    if placeholders(row["en"]) != placeholders(row["ja"]):
        sys.exit(f"messages.tsv:{number}: {key} has placeholders {placeholders(row['en'])} in English but {placeholders(row['ja'])} in Japanese")

header = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for column, name in (("en", "Messages.resx"), ("ja", "Messages.ja.resx")):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for row in rows:
            f.write(f'  <data name="{row["key"]}" xml:space="preserve"><value>{escape(row[column])}</value></data>\n')
        f.write("</root>\n")
