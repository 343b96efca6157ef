/**
 * Node's network and crypto modules, loaded when the webhook first needs them: the bundled CLI
 * hoists static imports to its start, where every command would pay for them, and code run by
 * `vm.Script` (bin/load-cli.js) cannot `import()`; `require` loads them on demand in both builds.
 * @module
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const nodeHttp = (): typeof import("node:http") => load("node:http") as typeof import("node:http");
export const nodeHttps = (): typeof import("node:https") => load("node:https") as typeof import("node:https");
export const nodeCrypto = (): typeof import("node:crypto") => load("node:crypto") as typeof import("node:crypto");
export const nodeTls = (): typeof import("node:tls") => load("node:tls") as typeof import("node:tls");
