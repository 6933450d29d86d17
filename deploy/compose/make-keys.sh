#!/bin/sh
# Development signing keys, generated into the keys volume on first start (never baked into an image).
# The services (uid 185) read the public key; the demo loader (uid 185) signs its tokens with the
# private key, which nothing else gets.
set -eu
if [ ! -f /keys/jwt-private.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /keys/jwt-private.pem
  openssl pkey -in /keys/jwt-private.pem -pubout -out /keys/jwt-public.pem
fi
chown 185:185 /keys/jwt-private.pem
chmod 600 /keys/jwt-private.pem
chmod 644 /keys/jwt-public.pem
