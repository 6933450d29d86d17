#!/bin/bash
# One database per service, each owned by a role of its own that may connect to nothing else, created
# when the PostgreSQL container first starts (an empty data volume). The services' password is
# RUSMONITOR_DB_PASSWORD; the databases and roles are the ones deploy/checks compares with bin/lib.sh and
# the services' configuration.
set -euo pipefail
for entry in survey_service:rusmonitor_survey indicator_service:rusmonitor_indicator report_service:rusmonitor_report; do
  role="${entry%%:*}" db="${entry#*:}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" -v db="$db" -v password="$RUSMONITOR_DB_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
