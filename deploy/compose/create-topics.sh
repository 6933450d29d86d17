#!/bin/bash
# Creates the topics of deploy/kafka-topics.csv (mounted at /topics.csv) on the compose broker, with their
# partition counts and retention, and raises the partition count of a topic that has fewer than listed.
# Auto-creation is off on the broker, so this is the only way topics come to exist.
set -euo pipefail
kt() { /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 "$@"; }
until kt --list >/dev/null 2>&1; do sleep 1; done
grep -v '^#' /topics.csv | while IFS=, read -r name partitions retention _owner; do
  [ -n "$name" ] || continue
  kt --create --if-not-exists --topic "$name" --partitions "$partitions" --replication-factor 1 \
    --config "retention.ms=$retention"
  current="$(kt --describe --topic "$name" | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)"
  if [ -n "$current" ] && [ "$current" -lt "$partitions" ]; then
    kt --alter --topic "$name" --partitions "$partitions"
  fi
  echo "topic $name: $partitions partitions, retention.ms=$retention"
done
