#!/usr/bin/env bash
# Run DMTF's Redfish Protocol Validator (PyPI redfish-protocol-validator) against iloshell-sim.
#
#   scripts/conformance.sh                          # built-in data over https (--tls)
#   scripts/conformance.sh --scheme http            # over plain http: two FAILs by design
#   scripts/conformance.sh --scheme both --mockup DIR [...]  # any iloshell-sim options after
#
# Starts the simulator on a free port, runs the validator, prints its summary line per scheme
# and leaves the reports (HTML and TSV) in $REPORTS (default: a temporary folder, printed at
# the end). Exits 0 when every run failed exactly the checks docs/conformance.md explains
# (none over https; over http the two that want Basic auth and session creation over TLS
# only), 1 when a run failed anything else, or passed one of those (the doc is then out of
# date), 2 when it could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

# The FAILs docs/conformance.md explains, per scheme (sorted, space-separated).
EXPECTED_http="SEC_BASIC_AUTH_OVER_HTTPS SEC_SESSION_CREATE_HTTPS_ONLY"
EXPECTED_https=""

SCHEMES=${SCHEMES:-https}
if [ "${1:-}" = --scheme ]; then
    case "${2:-}" in
        http | https) SCHEMES=$2 ;;
        both) SCHEMES="https http" ;;
        *) echo "conformance.sh: --scheme takes http, https or both" >&2; exit 2 ;;
    esac
    shift 2
fi
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
        --report-dir "$REPORTS/$scheme" --report-type both 2>"$REPORTS/$scheme/stderr.txt" \
        | grep '^Summary' | sed 's/\x1b\[[0-9;]*m//g') || true
    kill "$sim" 2>/dev/null || true
    wait "$sim" 2>/dev/null || true
    trap - EXIT
    rm -f "$out"
    if [ -z "$summary" ]; then
        echo "$scheme: no summary (see $REPORTS/$scheme/stderr.txt)"
        status=1
        continue
    fi
    tsv=$(ls -t "$REPORTS/$scheme"/*.tsv | head -n1)  # this run's, if $REPORTS is reused
    failed=$(awk -F'\t' '$5 == "FAIL" { print $1 }' "$tsv" | sort -u | xargs)
    expected_var="EXPECTED_$scheme"
    expected=${!expected_var-}
    if [ "$failed" = "$expected" ]; then
        echo "$scheme: $summary${expected:+ (expected FAILs, see docs/conformance.md: $expected)}"
    else
        echo "$scheme: $summary"
        echo "$scheme: FAILs ${failed:-none}, but docs/conformance.md expects ${expected:-none}"
        status=1
    fi
done
echo "reports: $REPORTS"
exit $status
