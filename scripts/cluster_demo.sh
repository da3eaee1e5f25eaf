#!/usr/bin/env bash
# Two gunicorn nodes and one job worker against the local PostgreSQL and Redis: the portal as it runs
# on several machines (sessions in the database, the cache and the jobs' progress in Redis, one shared
# MEDIA_ROOT, jobs taken by whichever worker is free). See docs/deployment.md.
#
#   scripts/cluster_demo.sh start   # database CLUSTER_DB (created, migrated, demo data), nodes on CLUSTER_PORTS
#   scripts/cluster_demo.sh stop    # stops the nodes and the worker; CLUSTER_DROP=1 also drops the database
#
# Environment: CLUSTER_DB (cluster_demo), CLUSTER_PORTS ("8107 8108"), CLUSTER_REDIS (redis://127.0.0.1:6379/7),
# CLUSTER_SEED=0 to skip the demo data (then only the superuser «coordinator», password cluster-demo).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${CLUSTER_DB:-cluster_demo}
PORTS=${CLUSTER_PORTS:-"8107 8108"}
RUN="$PWD/var/cluster-demo/$DB"
FIRST=${PORTS%% *}
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" SECRET_KEY=cluster-demo-secret-not-for-production \
  DEBUG=false SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
  ALLOWED_HOSTS=127.0.0.1,localhost CACHE_URL="${CLUSTER_REDIS:-redis://127.0.0.1:6379/7}" \
  MEDIA_ROOT="$RUN/media" STATIC_ROOT="$RUN/static" PORTAL_BASE_URL="http://127.0.0.1:$FIRST" \
  EMAIL_URL=consolemail:// CONN_MAX_AGE=60 AXES_FAILURE_LIMIT=1000
PY=.venv/bin/python

stop() {
  for pidfile in "$RUN"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [ "${CLUSTER_DROP:-0}" = 1 ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
    rm -rf "$RUN"
  fi
}

start() {
  mkdir -p "$RUN/media" "$RUN/static"
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $DB" >/dev/null
  $PY manage.py migrate --noinput -v0
  if [ "${CLUSTER_SEED:-1}" = 1 ]; then
    $PY manage.py seed_demo --force >/dev/null
  elif ! $PY manage.py shell -c "from members.models import User; raise SystemExit(not User.objects.filter(username='coordinator').exists())"; then
    # Without the demo data (CLUSTER_SEED=0, the two-node test): only the login «coordinator», a superuser.
    DJANGO_SUPERUSER_PASSWORD=cluster-demo $PY manage.py createsuperuser --noinput --username coordinator \
      --email coordinator@cluster.local >/dev/null
  fi
  $PY manage.py collectstatic --noinput -v0
  for port in $PORTS; do
    .venv/bin/gunicorn cluster_portal.wsgi --workers 2 --bind "127.0.0.1:$port" --timeout 60 \
      --log-level warning >"$RUN/node-$port.log" 2>&1 &
    echo $! >"$RUN/node-$port.pid"
  done
  $PY manage.py db_worker --no-reload --interval 0.5 --worker-id "cluster-demo-$DB" >"$RUN/worker.log" 2>&1 &
  echo $! >"$RUN/worker.pid"
  for port in $PORTS; do
    for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "node $port did not start" >&2; exit 1; }
  done
  echo "Узлы: $(for p in $PORTS; do printf 'http://127.0.0.1:%s/ ' "$p"; done)· исполнитель задач: $RUN/worker.log"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
