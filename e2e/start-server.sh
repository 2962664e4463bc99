#!/usr/bin/env bash
# The e2e web server: a fresh database (migrated and seeded), then the built app.
set -euo pipefail
: "${DATABASE_URL:?}"
db_name="${DATABASE_URL##*/}"
admin_url="${DATABASE_URL%/*}/postgres"
psql "$admin_url" -qc "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" -c "CREATE DATABASE \"$db_name\""
npm run --silent db:migrate > /dev/null
npm run --silent db:seed
[ -f .next/BUILD_ID ] || npm run build
export PORT="${PORT:-3100}" NODE_ENV=production
exec npx tsx server/cli/serve.ts
