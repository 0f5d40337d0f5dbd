#!/bin/sh
# Installs deploy/freeradius the way docs/OPERATIONS.md ("RADIUS") says, then runs FreeRADIUS in
# the foreground. LASTMILE_RADIUS_SITE: lastmile-buffered (default) or lastmile (direct).
set -eu
SRC=/opt/lastmile/freeradius
RADDB=/etc/freeradius/3.0
: "${LASTMILE_API_URL:?LASTMILE_API_URL is not set}"
if [ -z "${LASTMILE_RADIUS_KEY:-}" ]; then
  echo "LASTMILE_RADIUS_KEY is not set: create a key in the console (Settings -> RADIUS servers) and put it in .env" >&2
  exit 1
fi
cp "$SRC/dictionary.lastmile" "$RADDB/"
grep -q 'dictionary.lastmile' "$RADDB/dictionary" || echo '$INCLUDE dictionary.lastmile' >> "$RADDB/dictionary"
cp "$SRC/mods-available/lastmile" "$RADDB/mods-available/"
cp "$SRC/policy.d/lastmile" "$RADDB/policy.d/"
cp "$SRC"/sites-available/lastmile* "$RADDB/sites-available/"
ln -sf ../mods-available/lastmile "$RADDB/mods-enabled/lastmile"
rm -f "$RADDB/sites-enabled/default" "$RADDB/sites-enabled/lastmile" "$RADDB/sites-enabled/lastmile-buffered"
ln -s "../sites-available/${LASTMILE_RADIUS_SITE:-lastmile-buffered}" "$RADDB/sites-enabled/"
mkdir -p /var/log/freeradius/radacct/lastmile
chown -R freerad:freerad /var/log/freeradius
exec freeradius -f -l stdout
