#!/usr/bin/env bash
# A Tool Catalog cluster on this machine without Docker: N nodes started from the executable jar
# (ports 8081…808N) behind an nginx load balancer (port 8080), all against one PostgreSQL and
# one Redis.
#
#   deploy/local-cluster.sh up [N]     start N nodes (default 3) and nginx, wait until all are ready
#   deploy/local-cluster.sh status     each node's pid, port, readiness and applied revision
#   deploy/local-cluster.sh down       stop the nodes and nginx (safe to repeat)
#
# Environment (defaults in brackets):
#   SPRING_DATASOURCE_URL        [jdbc:postgresql://127.0.0.1:5432/catalog_local], created if missing
#   SPRING_DATASOURCE_USERNAME   [postgres]      SPRING_DATASOURCE_PASSWORD [empty]
#   SPRING_DATA_REDIS_URL        [redis://127.0.0.1:6379]
#   CATALOG_CLUSTER_NAME         [local]
#   CATALOG_ADMIN_TOKEN          [generated once, kept in the state folder, printed by `up`]
#   CATALOG_EDITOR_TOKEN, CATALOG_READER_TOKEN, TOOL_CATALOG_*: passed to the nodes when set
#   CATALOG_LB_PORT              [8080]          CATALOG_NODE_BASE_PORT [8081]
#   CATALOG_LOCAL_STATE_DIR      [deploy/.local-cluster]: pids, logs, nginx config, jar copy
#   CATALOG_NODE_JAR             [catalog-node/target/catalog-node.jar], built if missing
#   CATALOG_JAVA_OPTS            [-Xms128m -Xmx512m -XX:+ExitOnOutOfMemoryError]
#   CATALOG_READY_TIMEOUT_SECONDS [180]          CATALOG_STOP_TIMEOUT_SECONDS [30]
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$DEPLOY_DIR")"
STATE_DIR="${CATALOG_LOCAL_STATE_DIR:-$DEPLOY_DIR/.local-cluster}"
SOURCE_JAR="${CATALOG_NODE_JAR:-$REPO_DIR/catalog-node/target/catalog-node.jar}"
LB_PORT="${CATALOG_LB_PORT:-8080}"
BASE_PORT="${CATALOG_NODE_BASE_PORT:-8081}"
READY_TIMEOUT="${CATALOG_READY_TIMEOUT_SECONDS:-180}"
STOP_TIMEOUT="${CATALOG_STOP_TIMEOUT_SECONDS:-30}"
DATASOURCE_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/catalog_local}"
DATASOURCE_USERNAME="${SPRING_DATASOURCE_USERNAME:-postgres}"
DATASOURCE_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-}"
REDIS_URL="${SPRING_DATA_REDIS_URL:-redis://127.0.0.1:6379}"
CLUSTER_NAME="${CATALOG_CLUSTER_NAME:-local}"
JAVA_OPTS_DEFAULT="-Xms128m -Xmx512m -XX:+ExitOnOutOfMemoryError"

# The jar runs from a copy, so a rebuild of catalog-node/target never pulls it from under a node.
RUN_JAR="$STATE_DIR/catalog-node.jar"
NODES_DIR="$STATE_DIR/nodes"
NGINX_DIR="$STATE_DIR/nginx"
NGINX_CONF="$NGINX_DIR/nginx.conf"
NGINX_PID="$NGINX_DIR/nginx.pid"
TOKEN_FILE="$STATE_DIR/admin-token"
CLUSTER_FILE="$STATE_DIR/cluster"

log() { printf 'local-cluster: %s\n' "$*"; }
die() {
    printf 'local-cluster: error: %s\n' "$*" >&2
    exit 1
}

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

node_port() { echo $((BASE_PORT + $1 - 1)); }
node_pid_file() { echo "$NODES_DIR/node$1.pid"; }
node_log_file() { echo "$NODES_DIR/node$1.log"; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The pid in file $1 when that process still runs what $2 names in its command line; empty otherwise
# (a stale pid file, or a pid the system has since given to another program).
live_pid() {
    local file="$1" marker="$2" pid
    [[ -s "$file" ]] || return 0
    pid="$(<"$file")"
    is_uint "$pid" || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"; then
        return 0
    fi
    echo "$pid"
}

node_live_pid() { live_pid "$(node_pid_file "$1")" "$RUN_JAR"; }
nginx_live_pid() { live_pid "$NGINX_PID" "nginx"; }

# Node numbers that have a pid file, in order.
known_nodes() {
    local f n
    [[ -d "$NODES_DIR" ]] || return 0
    for f in "$NODES_DIR"/node*.pid; do
        [[ -e "$f" ]] || continue
        n="${f##*/node}"
        echo "${n%.pid}"
    done | sort -n
}

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

# Installs Debian package $2 when command $1 is missing.
ensure_command() {
    local cmd="$1" package="$2"
    command -v "$cmd" >/dev/null 2>&1 && return 0
    [[ -x "/usr/sbin/$cmd" ]] && return 0
    command -v apt-get >/dev/null 2>&1 || die "$cmd is missing and apt-get is not available: install $package"
    log "installing $package (for $cmd) from Debian packages"
    as_root apt-get update -qq >/dev/null || die "apt-get update failed: install $package yourself"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null ||
        die "apt-get install $package failed: install it yourself"
}

nginx_bin() {
    if command -v nginx >/dev/null 2>&1; then
        command -v nginx
    else
        echo /usr/sbin/nginx
    fi
}

generate_token() {
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
}

ensure_jar() {
    if [[ ! -f "$SOURCE_JAR" ]]; then
        [[ -z "${CATALOG_NODE_JAR:-}" ]] || die "CATALOG_NODE_JAR=$SOURCE_JAR does not exist"
        log "building $SOURCE_JAR (./mvnw -q -B package -DskipTests)"
        (cd "$REPO_DIR" && ./mvnw -q -B package -DskipTests) || die "the Maven build failed"
        [[ -f "$SOURCE_JAR" ]] || die "the build did not produce $SOURCE_JAR"
    fi
    cp -f "$SOURCE_JAR" "$RUN_JAR.tmp"
    mv -f "$RUN_JAR.tmp" "$RUN_JAR"
}

# Creates the database named in SPRING_DATASOURCE_URL when it does not exist yet.
ensure_database() {
    local pattern='^jdbc:postgresql://([^/:?,]+)(:([0-9]+))?/([^?]+)'
    if [[ ! "$DATASOURCE_URL" =~ $pattern ]]; then
        log "cannot read host and database from $DATASOURCE_URL: not creating the database"
        return 0
    fi
    local host="${BASH_REMATCH[1]}" port="${BASH_REMATCH[3]:-5432}" db="${BASH_REMATCH[4]}"
    [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "unexpected database name '$db' in $DATASOURCE_URL"
    ensure_command psql postgresql-client
    local exists
    exists="$(PGPASSWORD="$DATASOURCE_PASSWORD" PGCONNECT_TIMEOUT=5 psql -h "$host" -p "$port" \
        -U "$DATASOURCE_USERNAME" -d postgres -XtAq -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ||
        die "cannot reach PostgreSQL at $host:$port as $DATASOURCE_USERNAME (see the psql error above)"
    if [[ "$exists" != "1" ]]; then
        log "creating database $db on $host:$port"
        PGPASSWORD="$DATASOURCE_PASSWORD" PGCONNECT_TIMEOUT=5 createdb -h "$host" -p "$port" \
            -U "$DATASOURCE_USERNAME" "$db" || die "createdb $db failed"
    fi
}

# Redis only carries the doorbell; nodes still converge by polling without it, so only warn.
check_redis() {
    local pattern='^rediss?://([^@/]*@)?([^:/]+)(:([0-9]+))?'
    [[ "$REDIS_URL" =~ $pattern ]] || return 0
    local host="${BASH_REMATCH[2]}" port="${BASH_REMATCH[4]:-6379}"
    if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        log "warning: Redis at $host:$port does not answer; nodes will converge by polling only"
    fi
}

write_nginx_conf() {
    local count="$1" i servers=""
    for ((i = 1; i <= count; i++)); do
        servers+="        server 127.0.0.1:$(node_port "$i") max_fails=3 fail_timeout=10s;"$'\n'
    done
    mkdir -p "$NGINX_DIR/logs" "$NGINX_DIR/tmp"
    cat >"$NGINX_CONF" <<EOF
# Written by deploy/local-cluster.sh; regenerated by every \`up\`.
worker_processes 1;
pid $NGINX_PID;
error_log $NGINX_DIR/logs/error.log warn;

events {
    worker_connections 1024;
}

http {
    log_format catalog '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                       'upstream=\$upstream_addr upstream_status=\$upstream_status '
                       'rt=\$request_time urt=\$upstream_response_time';
    access_log $NGINX_DIR/logs/access.log catalog;
    server_tokens off;
    client_body_temp_path $NGINX_DIR/tmp/client_body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;

    upstream catalog_nodes {
$servers        keepalive 16;
    }

    server {
        listen 127.0.0.1:$LB_PORT;
        include $DEPLOY_DIR/nginx/catalog-proxy.conf;
    }
}
EOF
}

start_nginx() {
    local nginx
    nginx="$(nginx_bin)"
    "$nginx" -t -q -e "$NGINX_DIR/logs/error.log" -p "$NGINX_DIR" -c "$NGINX_CONF" ||
        die "nginx rejected $NGINX_CONF"
    "$nginx" -e "$NGINX_DIR/logs/error.log" -p "$NGINX_DIR" -c "$NGINX_CONF" ||
        die "nginx did not start; see $NGINX_DIR/logs/error.log"
}

start_node() {
    local i="$1" token="$2" port log_file
    port="$(node_port "$i")"
    log_file="$(node_log_file "$i")"
    local -a java_opts
    read -r -a java_opts <<<"${CATALOG_JAVA_OPTS:-$JAVA_OPTS_DEFAULT}"
    mkdir -p "$NODES_DIR/node$i"
    (
        cd "$NODES_DIR/node$i"
        exec env \
            SERVER_PORT="$port" \
            SERVER_ADDRESS="${CATALOG_NODE_BIND_ADDRESS:-127.0.0.1}" \
            SPRING_DATASOURCE_URL="$DATASOURCE_URL" \
            SPRING_DATASOURCE_USERNAME="$DATASOURCE_USERNAME" \
            SPRING_DATASOURCE_PASSWORD="$DATASOURCE_PASSWORD" \
            SPRING_DATA_REDIS_URL="$REDIS_URL" \
            CATALOG_NODE_ID="$CLUSTER_NAME-node$i" \
            CATALOG_CLUSTER_NAME="$CLUSTER_NAME" \
            CATALOG_ADMIN_TOKEN="$token" \
            CATALOG_DEV_SERVICES_ENABLED=false \
            nohup java "${java_opts[@]}" -jar "$RUN_JAR" >"$log_file" 2>&1 </dev/null
    ) &
    echo "$!" >"$(node_pid_file "$i")"
}

# "UP", "DOWN", "OUT_OF_SERVICE", … from the node's readiness group, or "-" when it does not answer.
node_readiness() {
    local body status
    body="$(curl -sS -m 2 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null)" || true
    status="$(grep -o '"status" *: *"[A-Z_]*"' <<<"$body" | head -n1 | sed 's/.*"\([A-Z_]*\)"$/\1/')" || true
    echo "${status:--}"
}

node_revision() {
    local revision
    revision="$(curl -sS -m 2 -o /dev/null -D - "http://127.0.0.1:$1/api/v1/tools?limit=1" 2>/dev/null |
        tr -d '\r' | awk -F': *' 'tolower($1) == "x-catalog-revision" { print $2; exit }')" || true
    echo "${revision:--}"
}

print_log_tail() {
    local file="$1"
    printf -- '----- last 40 lines of %s -----\n' "$file" >&2
    if [[ -f "$file" ]]; then tail -n 40 "$file" >&2; else echo "(no log)" >&2; fi
    printf -- '-----\n' >&2
}

wait_until_ready() {
    local count="$1" deadline=$((SECONDS + READY_TIMEOUT)) i port pid
    local -A ready=()
    log "waiting up to ${READY_TIMEOUT}s for $count node(s) to report readiness UP"
    while ((${#ready[@]} < count)); do
        for ((i = 1; i <= count; i++)); do
            [[ -n "${ready[$i]:-}" ]] && continue
            port="$(node_port "$i")"
            # Just started by us: the pid is ours even before the subshell has exec'd java.
            pid="$(<"$(node_pid_file "$i")")"
            if ! kill -0 "$pid" 2>/dev/null; then
                print_log_tail "$(node_log_file "$i")"
                stop_all >&2
                die "node$i (port $port) exited during start-up; its log is above and in $(node_log_file "$i")"
            fi
            if [[ "$(node_readiness "$port")" == "UP" ]]; then
                ready[$i]=1
                log "node$i ready on port $port (pid $pid)"
            fi
        done
        ((${#ready[@]} < count)) || break
        if ((SECONDS >= deadline)); then
            for ((i = 1; i <= count; i++)); do
                [[ -n "${ready[$i]:-}" ]] || print_log_tail "$(node_log_file "$i")"
            done
            stop_all >&2
            die "not every node was ready within ${READY_TIMEOUT}s (CATALOG_READY_TIMEOUT_SECONDS); logs above"
        fi
        sleep 0.5
    done
}

# Sends TERM to the given pids, waits up to STOP_TIMEOUT seconds, then KILLs what is left.
terminate() {
    local what="$1"
    shift
    (($# > 0)) || return 0
    kill -TERM "$@" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT)) pid alive
    while :; do
        alive=()
        for pid in "$@"; do
            kill -0 "$pid" 2>/dev/null && alive+=("$pid")
        done
        ((${#alive[@]} == 0)) && return 0
        if ((SECONDS >= deadline)); then
            log "$what still running after ${STOP_TIMEOUT}s: sending KILL to ${alive[*]}"
            kill -KILL "${alive[@]}" 2>/dev/null || true
            return 0
        fi
        sleep 0.2
    done
}

stop_all() {
    local i pid stopped=0
    local -a node_pids=()
    for i in $(known_nodes); do
        pid="$(node_live_pid "$i")"
        [[ -n "$pid" ]] && node_pids+=("$pid")
    done
    if ((${#node_pids[@]} > 0)); then
        log "stopping ${#node_pids[@]} node(s): ${node_pids[*]}"
        terminate "node" "${node_pids[@]}"
        stopped=1
    fi
    rm -f "$NODES_DIR"/node*.pid
    pid="$(nginx_live_pid)"
    if [[ -n "$pid" ]]; then
        log "stopping nginx (pid $pid)"
        terminate "nginx" "$pid"
        stopped=1
    fi
    rm -f "$NGINX_PID"
    ((stopped)) || log "nothing running under $STATE_DIR"
    return 0
}

cmd_up() {
    local count="${1:-3}"
    if ! is_uint "$count" || ((count < 1 || count > 20)); then
        die "node count must be 1…20, got '$count'"
    fi
    is_uint "$LB_PORT" || die "CATALOG_LB_PORT must be a port number"
    is_uint "$BASE_PORT" || die "CATALOG_NODE_BASE_PORT must be a port number"
    is_uint "$READY_TIMEOUT" || die "CATALOG_READY_TIMEOUT_SECONDS must be a number of seconds"

    local i running=()
    for i in $(known_nodes); do
        [[ -n "$(node_live_pid "$i")" ]] && running+=("node$i")
    done
    [[ -n "$(nginx_live_pid)" ]] && running+=("nginx")
    ((${#running[@]} == 0)) || die "already running under $STATE_DIR (${running[*]}): run '$0 down' first"

    local port
    for port in "$LB_PORT" $(for ((i = 1; i <= count; i++)); do node_port "$i"; done); do
        ! port_in_use "$port" || die "port $port on 127.0.0.1 is already in use"
    done

    command -v java >/dev/null 2>&1 || die "java is not on the PATH (Java 17 or newer is needed)"
    ensure_command curl curl
    ensure_command nginx nginx
    mkdir -p "$STATE_DIR" "$NODES_DIR"
    rm -f "$NODES_DIR"/node*.pid
    ensure_jar
    ensure_database
    check_redis

    local token="${CATALOG_ADMIN_TOKEN:-}"
    if [[ -z "$token" ]]; then
        token="$(generate_token)"
        log "generated an admin token (set CATALOG_ADMIN_TOKEN to choose one)"
    fi
    (umask 077 && printf '%s\n' "$token" >"$TOKEN_FILE")
    printf 'NODES=%s\nLB_PORT=%s\nBASE_PORT=%s\nCLUSTER_NAME=%s\n' \
        "$count" "$LB_PORT" "$BASE_PORT" "$CLUSTER_NAME" >"$CLUSTER_FILE"

    log "starting $count node(s) of cluster '$CLUSTER_NAME' against $DATASOURCE_URL and $REDIS_URL"
    for ((i = 1; i <= count; i++)); do
        start_node "$i" "$token"
    done
    write_nginx_conf "$count"
    start_nginx
    wait_until_ready "$count"

    log "cluster '$CLUSTER_NAME' is up: http://127.0.0.1:$LB_PORT (nodes on ports $BASE_PORT…$(node_port "$count"))"
    log "state, logs and nginx config: $STATE_DIR"
    log "admin token: $token"
}

cmd_status() {
    local -a nodes
    mapfile -t nodes < <(known_nodes)
    local cluster="$CLUSTER_NAME"
    [[ ! -f "$CLUSTER_FILE" ]] || cluster="$(sed -n 's/^CLUSTER_NAME=//p' "$CLUSTER_FILE")"
    local nginx_pid
    nginx_pid="$(nginx_live_pid)"
    if ((${#nodes[@]} == 0)) && [[ -z "$nginx_pid" ]]; then
        log "not running (state folder $STATE_DIR)"
        return 0
    fi
    local nginx_state="not running"
    [[ -z "$nginx_pid" ]] || nginx_state="running, pid $nginx_pid"
    printf 'cluster %s, load balancer http://127.0.0.1:%s: nginx %s\n' "$cluster" "$LB_PORT" "$nginx_state"
    printf '%-6s %-8s %-6s %-15s %s\n' NODE PID PORT READINESS REVISION
    local i pid port readiness revision
    for i in "${nodes[@]}"; do
        port="$(node_port "$i")"
        pid="$(node_live_pid "$i")"
        if [[ -n "$pid" ]]; then
            readiness="$(node_readiness "$port")"
            revision="$(node_revision "$port")"
        else
            pid="-" readiness="STOPPED" revision="-"
        fi
        printf '%-6s %-8s %-6s %-15s %s\n' "node$i" "$pid" "$port" "$readiness" "$revision"
    done
}

# status and down describe the cluster as `up` started it, whatever the environment says now.
load_cluster_file() {
    [[ -f "$CLUSTER_FILE" ]] || return 0
    local value
    value="$(sed -n 's/^LB_PORT=//p' "$CLUSTER_FILE")"
    ! is_uint "$value" || LB_PORT="$value"
    value="$(sed -n 's/^BASE_PORT=//p' "$CLUSTER_FILE")"
    ! is_uint "$value" || BASE_PORT="$value"
}

main() {
    local command="${1:-}"
    case "$command" in
    up)
        (($# <= 2)) || die "usage: $0 up [N]"
        cmd_up "${2:-3}"
        ;;
    status)
        (($# <= 2)) || die "usage: $0 status"
        load_cluster_file
        cmd_status
        ;;
    down)
        (($# <= 2)) || die "usage: $0 down"
        load_cluster_file
        stop_all
        ;;
    -h | --help | help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
    esac
}

main "$@"
