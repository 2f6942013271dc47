#!/usr/bin/env bash
# Retakes the README's Aspire dashboard screenshots, docs/images/aspire-dashboard-saga-trace.png (one order's trace)
# and docs/images/aspire-dashboard-saga-metrics.png (the saga metrics):
#   1. builds and starts the AppHost (DevServer, services, worker, simulator with zero delays, dashboard on
#      http://localhost:15180 without login) on a fresh data folder,
#   2. places one order with the CLI against the AppHost's Order service and waits until it is DELIVERED,
#   3. runs capture-dashboard.mjs (playwright-core driving Debian's Chromium, headless),
#   4. stops the AppHost and checks that none of the processes it started is left.
#
# Once:  apt-get install -y chromium && (cd tools/screenshots && npm ci)
# Then:  tools/screenshots/capture-dashboard-trace.sh        (from anywhere; minutes on a loaded machine)
#
# Environment: CONFIGURATION (Debug, as `dotnet run`), CHROMIUM_PATH (/usr/bin/chromium), DASHBOARD_URL (the AppHost's
# http launch profile: http://localhost:15180), STARTUP_TIMEOUT_SECONDS (900), ORDER_TIMEOUT_SECONDS (300).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/../.." && pwd)"
configuration="${CONFIGURATION:-Debug}"
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
dashboard="${DASHBOARD_URL:-http://localhost:15180}"
startup_timeout="${STARTUP_TIMEOUT_SECONDS:-900}"
order_timeout="${ORDER_TIMEOUT_SECONDS:-300}"
cli="$repo/Cli/bin/$configuration/net10.0/fooddelivery"

say() { echo "capture-dashboard-trace: $*"; }
die() { echo "capture-dashboard-trace: $*" >&2; exit 1; }

[[ -x "$chromium_path" ]] || die "no Chromium at $chromium_path: apt-get install -y chromium (or set CHROMIUM_PATH)"
command -v node >/dev/null || die "no node: apt-get install -y nodejs npm"
if [[ ! -d "$script_dir/node_modules/playwright-core" ]]; then
  say "installing playwright-core (npm ci)"
  (cd "$script_dir" && npm ci --no-audit --no-fund)
fi
if curl -s -o /dev/null "$dashboard"; then
  die "something already answers on $dashboard: stop that AppHost first"
fi

work="$(mktemp -d -t fooddelivery-screenshots-XXXXXX)"
say "logs and data in $work"
cd "$repo"
for project in AppHost Cli; do
  say "building $project ($configuration)"
  dotnet build "$project" -c "$configuration" -nologo -v quiet >"$work/build-$project.log" 2>&1 \
    || { tail -n 30 "$work/build-$project.log" >&2; die "build of $project failed (log: $work/build-$project.log)"; }
done

# --- the AppHost, in a process group of its own so that stopping it reaches `dotnet run` and the AppHost alike ---
say "starting the AppHost"
ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true setsid dotnet run --project AppHost -c "$configuration" --no-build -- \
  "--AppHost:DataDirectory=$work/data" \
  --Simulator:AcceptDelay=00:00:00 --Simulator:PickupDelay=00:00:00 --Simulator:DeliveryDelay=00:00:00 \
  >"$work/apphost.log" 2>&1 &
apphost_group=$!

# Every process below the given ones.
descendants() {
  local parents=("$@") all=() next
  while ((${#parents[@]})); do
    next=($(ps -eo pid=,ppid= | awk -v p=" ${parents[*]} " 'index(p, " " $2 " ") { print $1 }'))
    all+=("${next[@]}")
    parents=("${next[@]}")
  done
  echo "${all[@]}"
}

# The AppHost's processes and everything DCP (its orchestrator, which detaches into a session of its own and is found
# by its --monitor argument) started for it.
apphost_processes() {
  local dcp
  dcp=($(pgrep -f -- "dcp start-apiserver --monitor ($(pgrep -g "$apphost_group" | paste -sd '|'))( |$)" || true))
  echo "$(pgrep -g "$apphost_group" | xargs) ${dcp[*]} $(descendants "${dcp[@]}")"
}

stop_apphost() {
  local status=$? pid deadline started_pids
  trap - EXIT
  started_pids=($(apphost_processes))
  say "stopping the AppHost"
  # SIGTERM, not SIGINT: a background job of a non-interactive shell ignores SIGINT. The AppHost then stops every
  # resource through DCP, which exits after them (DCP itself is not signalled, so that it can do so).
  kill -TERM $(pgrep -g "$apphost_group") 2>/dev/null || true
  deadline=$((SECONDS + 120))
  for pid in "${started_pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [[ "$(ps -o stat= -p "$pid")" != Z* ]] && ((SECONDS < deadline)); do
      sleep 1
    done
  done
  for pid in "${started_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null && [[ "$(ps -o stat= -p "$pid")" != Z* ]]; then
      say "still running after 120 s, killing: $(ps -o args= -p "$pid" | cut -c1-120)"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if ((status == 0)); then
    rm -rf "$work"
    say "stopped"
  else
    say "stopped; logs and data kept in $work"
  fi
  exit "$status"
}
trap stop_apphost EXIT

apphost_alive() {
  kill -0 "$apphost_group" 2>/dev/null || { tail -n 30 "$work/apphost.log" >&2; die "the AppHost exited"; }
}

say "waiting for the dashboard at $dashboard"
deadline=$((SECONDS + startup_timeout))
until curl -sf -o /dev/null "$dashboard/api/telemetry/resources"; do
  apphost_alive
  ((SECONDS < deadline)) || die "no dashboard after $startup_timeout s"
  sleep 2
done

# The Order service's port is picked by Aspire; its process (FoodDelivery.Order, under DCP) listens on it.
say "waiting for the Order service"
order_port=""
until [[ -n "$order_port" ]]; do
  apphost_alive
  ((SECONDS < deadline)) || die "no Order service after $startup_timeout s"
  for pid in $(apphost_processes); do
    if ps -o args= -p "$pid" 2>/dev/null | grep -Eq '/FoodDelivery\.Order(\.dll)?( |$)'; then
      order_port="$(ss -ltnpH | grep "pid=$pid," | awk '{ print $4 }' | grep -m1 '^127\.0\.0\.1:' | cut -d: -f2 || true)"
    fi
  done
  [[ -n "$order_port" ]] || sleep 2
done
export FOODDELIVERY_ORDER_ADDRESS="http://127.0.0.1:$order_port"
say "Order service at $FOODDELIVERY_ORDER_ADDRESS"

# --- one order, placed as README "CLI" shows. Retried while the service or its Temporal is not answering yet (exit
# code 2, or UNAVAILABLE / DEADLINE_EXCEEDED); the fixed request id makes a retry return the same order. ---
say "placing an order"
request_id="screenshot-$(date +%s)"
until "$cli" order place --customer cust-ada --restaurant rest-pizzeria \
  --item item-margherita:2 --item item-tiramisu:1 --address "Skalitzer Strasse 1, Berlin, 10999, DE" \
  --payment-token tok_visa --request-id "$request_id" >"$work/place.out" 2>&1; do
  code=$?
  if [[ $code -ne 2 ]] && ! grep -Eq '^error: (UNAVAILABLE|DEADLINE_EXCEEDED)' "$work/place.out"; then
    cat "$work/place.out" >&2
    die "order place failed (exit $code)"
  fi
  apphost_alive
  ((SECONDS < deadline)) || { cat "$work/place.out" >&2; die "the Order service never answered"; }
  sleep 3
done
order_id="$(head -n 1 "$work/place.out")"
[[ "$order_id" =~ ^ord-[0-9a-f]+$ ]] || die "unexpected answer from order place: $(cat "$work/place.out")"
say "placed $order_id; waiting until it is DELIVERED"

order_deadline=$((SECONDS + order_timeout))
until [[ "${status:-}" == DELIVERED ]]; do
  ((SECONDS < order_deadline)) || die "$order_id is not DELIVERED after $order_timeout s (last status: ${status:-none})"
  sleep 2
  status="$("$cli" order status "$order_id" 2>/dev/null | awk '$1 == "status" { print $2 }' || true)"
  case "$status" in
    CANCELLED | REJECTED | NEEDS_ATTENTION) die "$order_id ended as $status, not DELIVERED" ;;
  esac
done
say "$order_id is DELIVERED"

node "$script_dir/capture-dashboard.mjs" --dashboard "$dashboard" --order-id "$order_id" \
  --out-dir "$repo/docs/images" --chromium "$chromium_path" --timeout-seconds "$order_timeout"
