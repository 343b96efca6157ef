/**
 * The serving certificate: read and checked at start (a usage error names the file, never its
 * content), and read again periodically so a rotated certificate (cert-manager renews it into the
 * mounted Secret) is served without a restart; a broken new pair is logged and the old one kept.
 * @module
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../inputs.js";
import { nodeCrypto, nodeTls } from "./builtins.js";

export interface Certificate {
  cert: Buffer;
  key: Buffer;
  /** Not-after, in seconds since the epoch. */
  notAfter: number;
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} ${path}: cannot read it (${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "a directory" : (code ?? "unreadable")})`);
  }
}

/** Checks that the files hold a PEM certificate and its private key. */
export function checkPair(cert: Buffer, key: Buffer, certPath: string, keyPath: string): Certificate {
  const { X509Certificate, createPrivateKey } = nodeCrypto();
  const { createSecureContext } = nodeTls();
  let notAfter: number;
  try {
    notAfter = Math.floor(Date.parse(new X509Certificate(cert).validTo) / 1000);
  } catch {
    throw new UsageError(`--tls-cert ${certPath}: not a PEM certificate`);
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new UsageError(`--tls-key ${keyPath}: not a PEM private key (an encrypted key is not supported)`);
  }
  try {
    createSecureContext({ cert, key });
  } catch {
    throw new UsageError(`--tls-key ${keyPath} does not belong to the certificate in --tls-cert ${certPath}`);
  }
  return { cert, key, notAfter };
}

export function readCertificate(certPath: string, keyPath: string): Certificate {
  return checkPair(read(certPath, "--tls-cert"), read(keyPath, "--tls-key"), certPath, keyPath);
}

/**
 * Reads the pair every `intervalMs` and calls `onChange` with a new valid one, `onError` with why a
 * changed one was not taken. The timer does not keep the process alive. Returns a stop function.
 */
export function watchCertificate(certPath: string, keyPath: string, current: Certificate, intervalMs: number, onChange: (c: Certificate) => void, onError: (why: string) => void): () => void {
  let last = current;
  const timer = setInterval(() => {
    let cert: Buffer;
    let key: Buffer;
    try {
      cert = readFileSync(certPath);
      key = readFileSync(keyPath);
    } catch (e) {
      onError(`cannot read the certificate files (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
      return;
    }
    if (cert.equals(last.cert) && key.equals(last.key)) return;
    try {
      last = checkPair(cert, key, certPath, keyPath);
    } catch (e) {
      // A Secret update writes both files; between the two the pair may not match yet: retry next time.
      onError(e instanceof UsageError ? e.message : "invalid certificate files");
      return;
    }
    onChange(last);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
