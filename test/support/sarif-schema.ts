// The official SARIF 2.1.0 schema (test/data/sarif, see its README) compiled with Ajv.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { ROOT } from "./golden.js";

const SCHEMA_FILE = join(ROOT, "test", "data", "sarif", "sarif-schema-2.1.0.json");

// RFC 3986 characters only, percent-escapes well formed, and parseable by WHATWG URL.
const uriChars = (s: string) => /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s);
const parses = (s: string, base?: string) => {
  try {
    new URL(s, base);
    return true;
  } catch {
    return false;
  }
};
export const isUri = (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && uriChars(s) && parses(s);
export const isUriReference = (s: string) => uriChars(s) && parses(s, "file:///base/");

/** Validates a parsed SARIF log; returns Ajv's errors as readable lines (empty when valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  return (validator()(log) ? [] : (validator().errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`));
}

let compiled: ReturnType<Ajv["compile"]> | undefined;
function validator(): ReturnType<Ajv["compile"]> {
  if (compiled) return compiled;
  // draft-04 file; Ajv 8 reads its keywords as draft-07 once the draft-04 `$schema`/`id` are dropped.
  const { $schema: _s, id: _id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("uri", isUri);
  ajv.addFormat("uri-reference", isUriReference);
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  compiled = ajv.compile(schema);
  return compiled;
}
