#!/usr/bin/env bash
# Writes Wolverine's handler code afresh into src/TensionTracker/Internal/Generated, where the build compiles it into the
# host (which loads it with TypeLoadMode.Static and never runs Roslyn). Run it after changing a message handler, its
# signature or a handler policy; the test `the_generated_handler_code` fails until you do. Needs no database.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
generated=$root/src/TensionTracker/Internal/Generated
# Code generated for handlers that have since changed may no longer compile: build the host without it first.
rm -rf "$generated"
dotnet build "$root/src/TensionTracker/TensionTracker.csproj" -c Release -nologo -clp:ErrorsOnly
# `codegen write` finds the project folder from bin/ (AutoResolveProjectRoot in Hosting/Storage.cs).
(cd "$(dirname "$host_dll")" && ConnectionStrings__Marten=$(connection_for tension) dotnet "$host_dll" codegen write >/dev/null)
echo "codegen: $(find "$generated" -name '*.cs' | wc -l) files in ${generated#"$root"/}"
build
