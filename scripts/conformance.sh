#!/usr/bin/env bash
# Run DMTF's Redfish Protocol Validator (PyPI redfish-protocol-validator) against iloshell-sim.
#
#   scripts/conformance.sh                         # built-in data, over http and over https
#   scripts/conformance.sh --mockup DIR [...]      # any iloshell-sim options, both schemes
#   SCHEMES=https scripts/conformance.sh           # one scheme only
#
# Starts the simulator on a free port, runs the validator, prints its summary line per scheme
# and leaves the reports in $REPORTS (default: a temporary folder, printed at the end).
# Exits 1 if any run had a FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMES=${SCHEMES:-"http https"}
REPORTS=${REPORTS:-$(mktemp -d -t iloshell-conformance.XXXXXX)}
command -v rf_protocol_validator >/dev/null || {
    echo "conformance.sh: rf_protocol_validator not found (pip install redfish-protocol-validator)" >&2
    exit 2
}

status=0
for scheme in $SCHEMES; do
    tls=()
    check=()
    if [ "$scheme" = https ]; then tls=(--tls); check=(--no-cert-check); fi
    out=$(mktemp)
    python -m iloshell.sim --port 0 "${tls[@]}" "$@" >"$out" 2>&1 &
    sim=$!
    trap 'kill "$sim" 2>/dev/null || true' EXIT
    for _ in $(seq 1 200); do
        grep -q "serving" "$out" && break
        kill -0 "$sim" 2>/dev/null || { cat "$out" >&2; exit 2; }
        sleep 0.05
    done
    url=$(sed -n 's/^iloshell-sim: serving \([^ ]*\) .*/\1/p' "$out" | head -n1)
    user=$(sed -n 's/^iloshell-sim: serving [^ ]* (user \([^,]*\), .*/\1/p' "$out" | head -n1)
    password=$(sed -n 's/^iloshell-sim: serving [^ ]* (user [^,]*, password \([^;)]*\).*/\1/p' "$out" | head -n1)
    mkdir -p "$REPORTS/$scheme"
    # requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's verify=False, which
    # would defeat --no-cert-check; the validator must not see them.
    summary=$(env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE rf_protocol_validator -r "$url" -u "$user" -p "$password" "${check[@]}" \
        --report-dir "$REPORTS/$scheme" --report-type html 2>"$REPORTS/$scheme/stderr.txt" \
        | grep '^Summary' | sed 's/\x1b\[[0-9;]*m//g') || true
    kill "$sim" 2>/dev/null || true
    wait "$sim" 2>/dev/null || true
    trap - EXIT
    rm -f "$out"
    echo "$scheme: ${summary:-no summary (see $REPORTS/$scheme/stderr.txt)}"
    case "$summary" in *"FAIL: 0,"*) ;; *) status=1 ;; esac
done
echo "reports: $REPORTS"
exit $status
