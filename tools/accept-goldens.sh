#!/usr/bin/env bash
# Rewrites the golden report files (tests/PortImpact.Cli.Tests/Golden) from the current build, for a report change
# made on purpose; read `git diff tests/PortImpact.Cli.Tests/Golden` before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTIMPACT_ACCEPT_GOLDEN=1 dotnet test tests/PortImpact.Cli.Tests --filter "FullyQualifiedName~GoldenReportTests" "$@"
git status --short tests/PortImpact.Cli.Tests/Golden
