#!/usr/bin/env bash
# make load: gunicorn on loopback with the demo data on a fresh PostgreSQL database, then
# 50 users browsing for 60 s. Bounded in time; stops the server afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${LOAD_PORT:-8300}
USERS=${LOAD_USERS:-50}
SECONDS_=${LOAD_SECONDS:-60}
db="load_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" SECRET_KEY=load-run-secret DEBUG=false \
  SECURE_SSL_REDIRECT=false ALLOWED_HOSTS=127.0.0.1,localhost CONN_MAX_AGE=60 \
  SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false STATIC_ROOT="$PWD/var/load-static" AXES_FAILURE_LIMIT=1000
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo --force >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn cluster_portal.wsgi --workers 4 --bind "127.0.0.1:$PORT" --timeout 60 --log-level warning &
server=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 1; done
out=$(.venv/bin/python scripts/loadgen.py --base "http://127.0.0.1:$PORT" --users "$USERS" --seconds "$SECONDS_") && rc=0 || rc=$?
echo "$out"
mkdir -p var && { echo "Load run $(date -u +%FT%TZ): gunicorn 4 workers, PostgreSQL, demo data"; echo "$out"; } > var/load-result.txt
exit $rc
