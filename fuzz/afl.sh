#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with AFL++ on a SharpFuzz-instrumented build.
#   fuzz/afl.sh TARGET [SECONDS]      e.g. fuzz/afl.sh nft 600
# Needs afl-fuzz (Debian: afl++) and the SharpFuzz command line tool (installed here if missing). Findings land in
# /tmp/portimpact-afl/TARGET/out/default/{crashes,hangs}; minimise one, put it in fuzz/findings/TARGET/ and write
# the regression test. The targets: portimpact-fuzz with no arguments lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/afl.sh TARGET [SECONDS]}
seconds=${2:-600}
work=/tmp/portimpact-afl/$target
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found (apt-get install afl++)"; exit 1; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null
rm -rf "$work" && mkdir -p "$work"
dotnet publish fuzz/PortImpact.Fuzz -c Release -o "$work/bin" >/dev/null
# Seeds first: instrumented code only runs under afl-fuzz, which provides the coverage map it writes to.
dotnet "$work/bin/portimpact-fuzz.dll" seeds "$target" "$work/in"
# Instrument the project's own assemblies and YamlDotNet: the code that reads the input.
for dll in "$work"/bin/PortImpact.*.dll "$work"/bin/YamlDotNet.dll; do sharpfuzz "$dll" >/dev/null; done
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
  afl-fuzz -i "$work/in" -o "$work/out" -t 20000 -m none -V "$seconds" -- dotnet "$work/bin/portimpact-fuzz.dll" afl "$target" || true
stats="$work/out/default/fuzzer_stats"
[ -f "$stats" ] && grep -E '^(execs_done|corpus_count|saved_crashes|saved_hangs|last_find)' "$stats"
