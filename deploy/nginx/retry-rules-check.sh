#!/usr/bin/env bash
# Proves the load balancer's retry rules (catalog-proxy.conf) with real nginx and two stand-in
# upstreams that count what they receive: a read that times out moves to the next node, a write
# that times out does not (PUT and DELETE included, which nginx would otherwise retry), a 503
# moves reads, PUT and DELETE on but not POST, a refused connection moves everything on, and no
# node at all answers problem+json 503 with Retry-After. Ports are free ones; everything stops on
# exit. Needs nginx, python3 and curl. Exit status 0 = every rule held.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "$0")/.." && pwd)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
WORK="$(mktemp -d)"
pids=()
cleanup() {
    "$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

read -r P1 P2 LB < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

cat > "$WORK/upstream.py" <<'PY'
import http.server, sys, time
port, hits = int(sys.argv[1]), sys.argv[2]
class Handler(http.server.BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with open(hits, "a") as f:
            f.write(f"{port} {self.command}\n")
        if "slow" in self.path:
            time.sleep(3)
        status = 503 if "busy" in self.path else 200
        try:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except BrokenPipeError:
            pass
    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = handle_any
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY

# the shared rules, with a 1 s read timeout so a "slow" node times out quickly
sed 's/proxy_read_timeout [0-9]*s;/proxy_read_timeout 1s;/' "$DEPLOY_DIR/nginx/catalog-proxy.conf" > "$WORK/proxy.conf"
mkdir -p "$WORK/logs"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
error_log $WORK/logs/error.log;
pid $WORK/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $WORK; proxy_temp_path $WORK;
    upstream catalog_nodes {
        server 127.0.0.1:$P1 max_fails=0;
        server 127.0.0.1:$P2 max_fails=0;
        keepalive 4;
    }
    server {
        listen 127.0.0.1:$LB;
        include $WORK/proxy.conf;
    }
}
CONF

"$NGINX" -t -q -p "$WORK" -c "$WORK/nginx.conf"
for port in "$P1" "$P2"; do
    python3 "$WORK/upstream.py" "$port" "$WORK/hits" & pids+=($!)
done
for port in "$P1" "$P2"; do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/ready" && break; sleep 0.1; done
done
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf"

failures=0
expect() { # method path expected-status expected-upstream-hits
    : > "$WORK/hits"
    local status hits
    status="$(curl -s -o /dev/null -w '%{http_code}' -X "$1" "http://127.0.0.1:$LB/api/v1/$2")"
    sleep 0.3 # a slow upstream records its hit before it sleeps; let late ones land
    hits="$(wc -l < "$WORK/hits")"
    if [[ "$status" == "$3" && "$hits" == "$4" ]]; then
        echo "ok   $1 $2: $status after $hits attempt(s)"
    else
        echo "FAIL $1 $2: $status after $hits attempt(s), expected $3 after $4"
        failures=$((failures + 1))
    fi
}

expect GET slow 503 2
for method in PUT DELETE POST PATCH; do expect "$method" slow 503 1; done
for method in GET PUT DELETE; do expect "$method" busy 503 2; done
expect POST busy 503 1

kill "${pids[0]}"
for method in GET PUT POST DELETE PATCH; do
    for _ in 1 2; do expect "$method" fast 200 1; done # whichever node round robin picks first
done

kill "${pids[1]}"
body="$(curl -s -i -X PUT "http://127.0.0.1:$LB/api/v1/fast")"
if grep -q '^HTTP/1.1 503' <<<"$body" && grep -qi '^Retry-After: 1' <<<"$body" &&
    grep -qi 'application/problem+json' <<<"$body"; then
    echo "ok   no node: 503 problem+json with Retry-After"
else
    echo "FAIL no node: $body"
    failures=$((failures + 1))
fi

((failures == 0)) || { echo "$failures retry rule(s) broken"; exit 1; }
echo "every retry rule held"
