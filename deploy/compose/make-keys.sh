#!/bin/sh
# Development signing keys, generated into the keys volume on first start (never baked into an image).
set -eu
if [ ! -f /keys/jwt-private.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /keys/jwt-private.pem
  openssl pkey -in /keys/jwt-private.pem -pubout -out /keys/jwt-public.pem
  chmod 644 /keys/jwt-public.pem
fi
