# Shared by .ci/run, .ci/test and .ci/setup: make sure the machine has what the project needs.
ensure_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    echo "[ci] starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
}

# Debian's Chromium and a CJK font for the browser tests, pdftotext for documents.
ensure_debian_packages() {
  local need=()
  command -v chromium > /dev/null || need+=(chromium)
  dpkg -s fonts-noto-cjk > /dev/null 2>&1 || need+=(fonts-noto-cjk)
  command -v pdftotext > /dev/null || need+=(poppler-utils)
  if ((${#need[@]})); then
    echo "[ci] installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
  fi
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[ci] npm ci"
    npm ci --no-audit --no-fund
  fi
}

# Creates the database named in DATABASE_URL when missing and applies the committed migrations.
ensure_database() {
  local url="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/qixintong}"
  local name="${url##*/}"
  name="${name%%\?*}"
  local admin="${url%/*}/postgres"
  if ! psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$admin" -qc "CREATE DATABASE \"$name\""
  fi
  DATABASE_URL="$url" npm run --silent db:migrate > /dev/null
}
