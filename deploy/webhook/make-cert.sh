#!/usr/bin/env bash
# The webhook's serving certificate without cert-manager: a private CA and a certificate for the
# webhook's Service, made with openssl. Writes ca.crt, ca.key, tls.crt, tls.key into OUT_DIR and
# prints the two kubectl commands that install them (the Secret the Deployment mounts, and the CA
# the API server trusts, as the ValidatingWebhookConfiguration's caBundle); --apply runs them.
#
#   deploy/webhook/make-cert.sh [--apply] [OUT_DIR]       (default OUT_DIR: ./webhook-cert)
#
# Environment: SERVICE (flink-memory-webhook), NAMESPACE (flink-memory), DAYS (365),
# WEBHOOK_CONFIGURATION (flink-memory), SECRET (flink-memory-webhook-tls).
# Run it again before DAYS are over: the webhook reads a renewed Secret within about a minute.
set -euo pipefail

apply=false
if [ "${1:-}" = "--apply" ]; then apply=true; shift; fi
out="${1:-./webhook-cert}"
service="${SERVICE:-flink-memory-webhook}"
namespace="${NAMESPACE:-flink-memory}"
days="${DAYS:-365}"
configuration="${WEBHOOK_CONFIGURATION:-flink-memory}"
secret="${SECRET:-flink-memory-webhook-tls}"

command -v openssl >/dev/null || { echo "make-cert.sh: openssl is needed" >&2; exit 2; }
mkdir -p "$out"
umask 077

# The CA: only its certificate leaves this machine (as caBundle).
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -keyout "$out/ca.key" -out "$out/ca.crt" -subj "/CN=flink-memory webhook CA" 2>/dev/null

# The serving certificate: the names the API server calls the Service by.
cat > "$out/tls.cnf" <<CNF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = ${service}.${namespace}.svc
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:${service}, DNS:${service}.${namespace}, DNS:${service}.${namespace}.svc, DNS:${service}.${namespace}.svc.cluster.local
CNF
openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$out/tls.key" -out "$out/tls.csr" -config "$out/tls.cnf" 2>/dev/null
openssl x509 -req -sha256 -days "$days" -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -extfile "$out/tls.cnf" -extensions ext -out "$out/tls.crt" 2>/dev/null
rm -f "$out/tls.csr" "$out/tls.cnf" "$out/ca.srl"
chmod 644 "$out/ca.crt" "$out/tls.crt"

ca_bundle="$(base64 < "$out/ca.crt" | tr -d '\n')"
secret_cmd=(kubectl -n "$namespace" create secret tls "$secret" --cert "$out/tls.crt" --key "$out/tls.key" --dry-run=client -o yaml)
patch_cmd=(kubectl patch validatingwebhookconfiguration "$configuration" --type=json
  -p "[{\"op\":\"add\",\"path\":\"/webhooks/0/clientConfig/caBundle\",\"value\":\"${ca_bundle}\"}]")

if $apply; then
  "${secret_cmd[@]}" | kubectl apply -f -
  "${patch_cmd[@]}"
else
  echo "Wrote $out/ca.crt, $out/tls.crt and $out/tls.key for ${service}.${namespace}.svc (valid ${days} days). Install them with:"
  echo "  ${secret_cmd[*]} | kubectl apply -f -"
  printf '  kubectl patch validatingwebhookconfiguration %s --type=json -p "[{\\"op\\":\\"add\\",\\"path\\":\\"/webhooks/0/clientConfig/caBundle\\",\\"value\\":\\"$(base64 < %s | tr -d %s)\\"}]"\n' "$configuration" "$out/ca.crt" "'\\n'"
fi
