#!/usr/bin/env bash
# Proof that a change made through the load balancer is visible on every node: starts a local
# cluster of 3 nodes (deploy/local-cluster.sh), creates a tool through nginx, reads it from each
# node directly with X-Catalog-Min-Revision set to the create's revision, updates it through
# nginx, reads it again from each node, then holds idle long polls on the watch endpoint through
# nginx for the longest wait a node allows (each must end in the node's 204, not a proxy timeout)
# and checks that an ordinary read right after still answers 200 (no node was marked failed), and
# always stops the cluster. Exits non-zero on any failure, with the reason and the nodes' log
# tails.
#
# Uses its own state folder (deploy/.local-cluster-smoke), database (catalog_smoke) and cluster
# name (smoke) unless CATALOG_LOCAL_STATE_DIR, SPRING_DATASOURCE_URL or CATALOG_CLUSTER_NAME say
# otherwise; every other local-cluster.sh variable applies too. Ports 8080…8083 must be free.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER="$DEPLOY_DIR/local-cluster.sh"
NODES=3

export CATALOG_LOCAL_STATE_DIR="${CATALOG_LOCAL_STATE_DIR:-$DEPLOY_DIR/.local-cluster-smoke}"
export SPRING_DATASOURCE_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/catalog_smoke}"
export CATALOG_CLUSTER_NAME="${CATALOG_CLUSTER_NAME:-smoke}"
CATALOG_ADMIN_TOKEN="${CATALOG_ADMIN_TOKEN:-smoke-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
export CATALOG_ADMIN_TOKEN

LB_PORT="${CATALOG_LB_PORT:-8080}"
BASE_PORT="${CATALOG_NODE_BASE_PORT:-8081}"
LB="http://127.0.0.1:$LB_PORT"
WORK="$(mktemp -d)"
STARTED=0
CLUSTER_UP=0

log() { printf 'smoke: %s\n' "$*"; }
fail() {
    printf 'smoke: FAILED: %s\n' "$*" >&2
    exit 1
}

cleanup() {
    local status=$?
    # (a failed `up` has already shown the logs)
    if ((status != 0 && CLUSTER_UP)); then
        local f
        for f in "$CATALOG_LOCAL_STATE_DIR"/nodes/node*.log; do
            [[ -f "$f" ]] || continue
            printf -- '----- last 30 lines of %s -----\n' "$f" >&2
            tail -n 30 "$f" >&2
        done
    fi
    if ((STARTED)); then
        "$CLUSTER" down || log "warning: '$CLUSTER down' failed"
    fi
    rm -rf "$WORK"
    if ((status == 0)); then
        log "passed"
    else
        printf 'smoke: failed (exit %s)\n' "$status" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# request NAME METHOD URL [curl args…]: body in $WORK/NAME.body, headers in $WORK/NAME.headers,
# prints the HTTP status (000 when there was no answer). REQUEST_MAX_TIME: curl's limit in seconds.
request() {
    local name="$1" method="$2" url="$3"
    shift 3
    curl -sS -m "${REQUEST_MAX_TIME:-30}" -X "$method" -o "$WORK/$name.body" -D "$WORK/$name.headers" \
        -w '%{http_code}' "$@" "$url" 2>"$WORK/$name.err" || true
}

header() {
    tr -d '\r' <"$WORK/$1.headers" | awk -F': *' -v h="$2" 'tolower($1) == tolower(h) { v = $2 } END { print v }'
}

expect_status() {
    local name="$1" want="$2" got="$3" what="$4"
    if [[ "$got" != "$want" ]]; then
        fail "$what: expected HTTP $want, got $got
$(cat "$WORK/$name.err" 2>/dev/null)$(head -c 2000 "$WORK/$name.body" 2>/dev/null)"
    fi
}

expect_revision() {
    local value="$1" what="$2"
    [[ "$value" =~ ^[0-9]+$ ]] || fail "$what: no numeric X-Catalog-Revision header (got '$value')"
}

# The description field exactly as sent; descriptions here are plain words, so no JSON escaping.
expect_description() {
    local name="$1" want="$2" what="$3"
    grep -Eq "\"description\"[[:space:]]*:[[:space:]]*\"$want\"" "$WORK/$name.body" ||
        fail "$what: expected description '$want' in $(head -c 2000 "$WORK/$name.body")"
}

# Reads the tool from every node directly, asking each to have applied at least $2.
read_from_every_node() {
    local tool="$1" revision="$2" description="$3" i port code applied
    for ((i = 1; i <= NODES; i++)); do
        port=$((BASE_PORT + i - 1))
        code="$(request "read$i" GET "http://127.0.0.1:$port/api/v1/tools/$tool" \
            -H "X-Catalog-Min-Revision: $revision")"
        expect_status "read$i" 200 "$code" "GET /api/v1/tools/$tool from node$i (port $port, min revision $revision)"
        expect_description "read$i" "$description" "node$i (port $port)"
        applied="$(header "read$i" X-Catalog-Revision)"
        expect_revision "$applied" "node$i (port $port)"
        ((applied >= revision)) || fail "node$i (port $port) answered at revision $applied, below $revision"
        log "node$i (port $port): 200, description '$description', applied revision $applied"
    done
}

command -v curl >/dev/null 2>&1 || fail "curl is required"

STARTED=1
"$CLUSTER" up "$NODES" || fail "the local cluster did not come up"
CLUSTER_UP=1
"$CLUSTER" status

tool="smoke-$(date +%s)-$RANDOM"
created_description="Smoke test tool $tool"
log "creating $tool through the load balancer ($LB)"
code="$(request create POST "$LB/api/v1/tools" \
    -H "Authorization: Bearer $CATALOG_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$tool\",\"description\":\"$created_description\",\"category\":\"search\",\"tags\":[\"text\"],\"profiles\":{\"default\":{\"timeout_ms\":5000}}}")"
expect_status create 201 "$code" "POST /api/v1/tools through $LB"
created_revision="$(header create X-Catalog-Revision)"
expect_revision "$created_revision" "POST /api/v1/tools"
log "created at revision $created_revision"
read_from_every_node "$tool" "$created_revision" "$created_description"

updated_description="Updated by the smoke test"
log "updating $tool through the load balancer"
code="$(request update PUT "$LB/api/v1/tools/$tool" \
    -H "Authorization: Bearer $CATALOG_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data "{\"description\":\"$updated_description\",\"updated_by\":\"local-cluster-smoke\"}")"
expect_status update 200 "$code" "PUT /api/v1/tools/$tool through $LB"
updated_revision="$(header update X-Catalog-Revision)"
expect_revision "$updated_revision" "PUT /api/v1/tools/$tool"
((updated_revision > created_revision)) ||
    fail "the update's revision $updated_revision is not above the create's $created_revision"
log "updated at revision $updated_revision"
read_from_every_node "$tool" "$updated_revision" "$updated_description"

# The longest wait a node grants a long poll (catalog.watch.max-wait, 60 s by default): one idle
# long poll per node, in parallel, so a proxy timeout would hit every node at once.
LONG_WAIT="${CATALOG_SMOKE_LONG_POLL_WAIT:-60}"
log "holding $NODES idle long polls through the load balancer (wait=${LONG_WAIT}s, since=$updated_revision)"
pids=()
for ((i = 1; i <= NODES; i++)); do
    (
        code="$(REQUEST_MAX_TIME=$((LONG_WAIT + 30)) request "poll$i" GET \
            "$LB/api/v1/watch?since=$updated_revision&wait=${LONG_WAIT}s" -H 'Accept: application/json' \
            -H "X-Catalog-Consumer: smoke-poll-$i")"
        echo "$code" >"$WORK/poll$i.code"
    ) &
    pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done
for ((i = 1; i <= NODES; i++)); do
    expect_status "poll$i" 204 "$(cat "$WORK/poll$i.code")" "idle long poll $i (wait=${LONG_WAIT}s) through $LB"
done
log "every idle long poll answered 204 after its wait"
code="$(request after-poll GET "$LB/api/v1/tools/$tool")"
expect_status after-poll 200 "$code" "GET /api/v1/tools/$tool through $LB right after the long polls"
log "an ordinary read right after the long polls: 200"
