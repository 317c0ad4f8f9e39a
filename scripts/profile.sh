#!/usr/bin/env bash
# Profiles one tigerimport run with dotnet-trace (a local tool of this repository: .config/dotnet-tools.json) and
# prints where its threads spent CPU: the frames of this project and of its libraries with the most time under them.
# The trace is kept (.local/profile/*.nettrace, *.speedscope.json: open it at https://www.speedscope.app).
#
# Usage: scripts/profile.sh [--top N] -- <tigerimport arguments>
#   e.g. scripts/profile.sh -- import --source .local/bench/data/edges-100mb --year 2024 --layers EDGES --schema prof
#   (scripts/bench.sh --sets edges-100mb makes that file; --source samples --year 2024 --layers STATE,PLACE works in
#   any clone)
# The worker is published as the Docker image ships it (self-contained, ReadyToRun). DATABASE_URL or --connection
# names the database, as for any run. Exits with tigerimport's exit code, after the summary of its trace.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
top=40
while [ $# -gt 0 ]; do
  case "$1" in
    --top) top="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "profile: give the tigerimport arguments after --" >&2; exit 2; }
command -v python3 >/dev/null || { echo "profile: python3 is needed to summarise the trace" >&2; exit 1; }

out="$root/.local/profile"
mkdir -p "$out"
dotnet tool restore >/dev/null
dotnet publish src/TigerImport.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$out/bin" -v quiet -nologo >/dev/null
trace="$out/$(date -u +%Y%m%dT%H%M%S)"
port="$out/diagnostics.sock"
rm -f "$port"
# The worker starts suspended on the diagnostic port until the tracer attaches, so start-up is in the trace too.
dotnet tool run dotnet-trace -- collect --diagnostic-port "$port" --profile dotnet-sampled-thread-time --format Speedscope -o "$trace.nettrace" >"$trace.tracer.log" 2>&1 &
tracer=$!
for _ in $(seq 50); do [ -S "$port" ] && break; sleep 0.1; done
status=0
DOTNET_DiagnosticPorts="$port" "$out/bin/TigerImport.Cli" "$@" >"$trace.run.log" 2>&1 || status=$?
wait "$tracer" || true
echo "profile: tigerimport exited $status (its output: $trace.run.log)" >&2
[ -f "$trace.speedscope.json" ] || { echo "profile: no trace was written; see $trace.tracer.log" >&2; exit 1; }
python3 - "$trace.speedscope.json" "$top" <<'PY'
import collections, json, sys
trace = json.load(open(sys.argv[1]))
top = int(sys.argv[2])
frames = [f["name"] for f in trace["shared"]["frames"]]
cpu = frames.index("CPU_TIME") if "CPU_TIME" in frames else -1
inclusive, self_time, total = collections.Counter(), collections.Counter(), 0.0
for profile in trace["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        at = event["at"]
        # Only samples of a thread on the CPU; a thread waiting (on the database, a lock, the pool) is not cost.
        if last is not None and stack and stack[-1] == cpu:
            span = at - last
            total += span
            for frame in set(stack[:-1]):
                inclusive[frames[frame]] += span
            if len(stack) > 1:
                self_time[frames[stack[-2]]] += span
        last = at
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()
noise = ("System.Threading", "CompilerServices", "Process64", "Thread (", "(Non-Activities)", "Threads", "ExecutionContext")
print(f"CPU samples: {total / 1000:.1f} s across threads")
print("\nmost time under (inclusive):")
for name, span in [(n, s) for n, s in inclusive.most_common() if not any(x in n for x in noise)][:top]:
    print(f"{span / 1000:8.2f} s  {name[:140]}")
print("\nmost time in (self):")
for name, span in self_time.most_common(top // 2):
    print(f"{span / 1000:8.2f} s  {name[:140]}")
PY
exit "$status"
