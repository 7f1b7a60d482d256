# Shared by the ops scripts: where things are, and the .NET SDK on a machine that lacks it.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
pg_port=${TT_PG_PORT:-55432}
connection_for() { echo "Host=127.0.0.1;Port=$pg_port;Database=$1;Username=postgres;Maximum Pool Size=60"; }
host_dll=$root/src/TensionTracker/bin/Release/net10.0/TensionTracker.dll
# The `tension` CLI: the host's commands plus training, evaluation and the bench (ops/tension, ops/bench.sh).
cli_dll=$root/src/TensionTracker.Cli/bin/Release/net10.0/TensionTracker.Cli.dll
build() { dotnet build "$root/TensionTracker.sln" -c Release -nologo -clp:ErrorsOnly "$@"; }
