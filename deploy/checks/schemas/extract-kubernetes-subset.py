#!/usr/bin/env python3
"""Makes kubernetes-<version>-subset.json from the full Kubernetes OpenAPI (swagger 2.0) document.

Keeps the definitions of the kinds Rusmonitor deploys and everything they reference, without the
descriptions (the validator doesn't read them). See PROVENANCE.md for where the input comes from.
  python3 extract-kubernetes-subset.py kubernetes-1.30.9.json > kubernetes-1.30.9-subset.json
"""
import json
import sys

ROOTS = [
    "io.k8s.api.core.v1.Namespace",
    "io.k8s.api.core.v1.ServiceAccount",
    "io.k8s.api.core.v1.ConfigMap",
    "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.Service",
    "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.apps.v1.StatefulSet",
    "io.k8s.api.batch.v1.Job",
    "io.k8s.api.batch.v1.CronJob",
    "io.k8s.api.policy.v1.PodDisruptionBudget",
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    "io.k8s.api.networking.k8s.io.v1.Ingress",
    "io.k8s.api.networking.v1.Ingress",
    "io.k8s.api.networking.v1.NetworkPolicy",
]


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def refs(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                found.add(v.rsplit("/", 1)[1])
            else:
                refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


def main():
    full = json.load(open(sys.argv[1]))
    definitions = full["definitions"]
    keep, todo = set(), [r for r in ROOTS if r in definitions]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    out = {
        "swagger": full.get("swagger"),
        "info": {"title": "Kubernetes (subset for Rusmonitor's manifests)", "source": sys.argv[1]},
        "definitions": {k: strip(definitions[k]) for k in sorted(keep)},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
