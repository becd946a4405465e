#!/usr/bin/env python3
"""Writes the CLI's Strings.resx (English) and Strings.ja.resx (Japanese) from strings.tsv.

The TSV is the one place translators edit; the .resx files are what .NET's ResourceManager reads."""
import csv, os, sys
from xml.sax.saxutils import escape

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "src", "PortImpact.Cli", "Resources")
rows = list(csv.DictReader(open(os.path.join(here, "strings.tsv"), encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
header = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for column, name in (("en", "Strings.resx"), ("ja", "Strings.ja.resx")):
    keys = set()
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(header)
        for row in rows:
            if row["key"] in keys:
                sys.exit(f"duplicate key {row['key']}")
            keys.add(row["key"])
            f.write(f'  <data name="{row["key"]}" xml:space="preserve"><value>{escape(row[column])}</value></data>\n')
        f.write("</root>\n")
