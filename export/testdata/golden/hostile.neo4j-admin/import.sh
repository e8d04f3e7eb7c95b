#!/bin/sh
# relgraph graph, dataset test: 6 nodes, 7 relationships, 4 sources.
#
# Imports these files into a new (or, with --overwrite-destination=true, an
# existing stopped) Neo4j 5 database with neo4j-admin, then:
#   start the database and run: cypher-shell -d DATABASE -f schema.cypher
#
# The CSV files hold every value as neo4j-admin stores it, not escaped for
# spreadsheets: a cell starting with = may run as a formula if opened in one.
# For a spreadsheet use: relgraph export --format csv.
#
# Usage: sh import.sh [DATABASE [OPTION...]]   (default database: neo4j)
#   NEO4J_ADMIN  the neo4j-admin command (default: neo4j-admin), e.g.
#                NEO4J_ADMIN="$NEO4J_HOME/bin/neo4j-admin" sh import.sh neo4j --overwrite-destination=true
set -eu
cd "$(dirname "$0")"
dir=$(pwd)
db=${1:-neo4j}
[ $# -gt 0 ] && shift
exec ${NEO4J_ADMIN:-neo4j-admin} database import full "$db" "$@" \
  --id-type=string \
  --array-delimiter=U+001E \
  --multiline-fields=true \
  --nodes="$dir/sources.csv" \
  --nodes="$dir/nodes_Allegation.csv" \
  --nodes="$dir/nodes_Leader.csv" \
  --nodes="$dir/nodes_Place.csv" \
  --nodes="$dir/nodes_State.csv" \
  --relationships="$dir/rels_ACCUSES.csv" \
  --relationships="$dir/rels_DENIES.csv" \
  --relationships="$dir/rels_INVITED.csv" \
  --relationships="$dir/rels_MET_WITH.csv" \
  --relationships="$dir/rels_SUPPLIES.csv" \
  --relationships="$dir/rels_REPORTS.csv"
