#!/bin/bash
# Creates the topics of deploy/kafka-topics.csv (mounted at /topics.csv) on the compose broker.
set -euo pipefail
until /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --list >/dev/null 2>&1; do sleep 1; done
grep -v '^#' /topics.csv | while IFS=, read -r name partitions retention _owner; do
  [ -n "$name" ] || continue
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 --config "retention.ms=$retention"
done
