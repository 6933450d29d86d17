#!/bin/sh
# Development signing keys, generated into the keys volume on first start (never baked into an image).
# /keys (the keys volume) holds the pair, and only the demo loader (uid 185), which signs its tokens with
# the private key, mounts it; /public (the public-key volume) holds the public key alone, which the
# services mount to verify tokens. The services run as uid 185 too, so a file mode would not keep the key
# from them; not mounting it does.
set -eu
if [ ! -f /keys/jwt-private.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /keys/jwt-private.pem
  openssl pkey -in /keys/jwt-private.pem -pubout -out /keys/jwt-public.pem
fi
chown 185:185 /keys/jwt-private.pem
chmod 600 /keys/jwt-private.pem
chmod 644 /keys/jwt-public.pem
cp /keys/jwt-public.pem /public/jwt-public.pem
chmod 644 /public/jwt-public.pem
