#!/usr/bin/env bash
# Makes the certificates of the compose stack's mTLS option (docker-compose.mtls.yml), with openssl:
#   a private CA                          ca.crt, ca.key
#   one server certificate per service    order, payment, restaurant, delivery (.crt/.key; SANs: the compose DNS
#                                         name, localhost, 127.0.0.1)
#   one client certificate per caller     orchestrator-client (the saga worker), order-client (Order -> Restaurant)
#
#   deploy/mtls/make-certs.sh [OUTPUT_DIR]      # default: deploy/mtls/certs (git-ignored)
#
# Idempotent: the CA and every certificate that still verifies against it and is valid for 30 more days are kept;
# the missing or expiring ones are (re)issued. Delete the folder to start over with a new CA. The certificates' keys
# are made readable by the containers' non-root user (the .NET images run as uid 1654; ca.key stays private): keep the
# folder on the host that runs the stack; a real deployment takes the keys from its secret store instead.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")" && pwd)/certs"}
days_ca=825
days_leaf=397
renew_within=$((30 * 24 * 3600))
mkdir -p "$out"
chmod 755 "$out"
cd "$out"

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 644 "$1"; }

if [[ ! -s ca.crt || ! -s ca.key ]] || ! openssl x509 -in ca.crt -noout -checkend "$renew_within" >/dev/null; then
  echo "private CA: new (every certificate is issued again)"
  rm -f ./*.crt ./*.key ./*.csr
  new_key ca.key
  chmod 600 ca.key # signs certificates; no container needs it
  openssl req -x509 -new -key ca.key -out ca.crt -days "$days_ca" -subj "/CN=FoodDelivery private CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash"
else
  echo "private CA: kept ($(openssl x509 -in ca.crt -noout -enddate))"
fi

# issue NAME PURPOSE SANS: a certificate of the CA for serverAuth or clientAuth, unless a valid one is there.
issue() {
  local name=$1 purpose=$2 sans=$3
  if [[ -s $name.crt && -s $name.key ]] &&
    openssl verify -CAfile ca.crt -purpose "$([[ $purpose == serverAuth ]] && echo sslserver || echo sslclient)" "$name.crt" >/dev/null 2>&1 &&
    openssl x509 -in "$name.crt" -noout -checkend "$renew_within" >/dev/null; then
    echo "$name: kept"
    return
  fi

  new_key "$name.key"
  openssl req -new -key "$name.key" -out "$name.csr" -subj "/CN=fooddelivery-$name"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
    -days "$days_leaf" -out "$name.crt" -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:FALSE" \
      "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=$purpose" \
      "subjectAltName=$sans" \
      "subjectKeyIdentifier=hash" \
      "authorityKeyIdentifier=keyid") 2>/dev/null
  rm -f "$name.csr"
  echo "$name: issued ($purpose; $sans)"
}

for service in order payment restaurant delivery; do
  issue "$service" serverAuth "DNS:$service,DNS:localhost,IP:127.0.0.1"
done
issue orchestrator-client clientAuth "DNS:orchestrator"
issue order-client clientAuth "DNS:order"

chmod 644 ./*.crt
echo "certificates in $out"
