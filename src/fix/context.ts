/**
 * What the fix-its know about a failing configuration: the target, the request, the failure,
 * and (when the files can be read) the loaded configuration with a fast prober.
 * @module
 */
import { FlinkError } from "../errors.js";
import type { Configuration, Lookup } from "../config/configuration.js";
import type { OptionSet } from "../options/registry.js";
import type { ConfigOption } from "../options/types.js";
import type { ResolveRequest } from "../resolve.js";
import type { FixTarget, Prober } from "./probe.js";

/** A failure's wording without its numbers: the same check failing again has the same template. */
export function templateOf(e: FlinkError): string {
  return [e.message, ...e.causes].join("\n").replace(/\d+(\.\d+)?/g, "#");
}

export class FixContext {
  readonly config: Configuration | undefined;
  readonly options: OptionSet | undefined;
  /** Every message of the failure, outermost first. */
  readonly messages: string[];

  constructor(
    readonly target: FixTarget,
    readonly req: ResolveRequest,
    readonly error: FlinkError,
    readonly prober: Prober | undefined,
  ) {
    this.config = prober?.config;
    this.options = prober?.config.options;
    this.messages = [error.message, ...error.causes];
    this.template = templateOf(error);
  }

  readonly template: string;

  /** The first match of `re` in any message of the failure. */
  match(re: RegExp): RegExpExecArray | undefined {
    for (const m of this.messages) {
      const r = re.exec(m);
      if (r) return r;
    }
    return undefined;
  }

  option(id: string): ConfigOption | undefined {
    return this.options?.find(id);
  }

  /** Where the option is set (its key or a deprecated one), if it is. */
  found(id: string): Lookup | undefined {
    const o = this.option(id);
    return o ? this.config?.lookup(o) : undefined;
  }

  /** The key to change for an option: the one it is set under, else its main key. */
  keyOf(id: string): string | undefined {
    return this.found(id)?.key ?? this.option(id)?.key;
  }

  /** The option's value (configured or default), or undefined when it does not read. */
  memory(id: string): bigint | undefined {
    const o = this.option(id);
    if (!o || o.type !== "memory" || !this.config) return undefined;
    try {
      return this.config.get(o as ConfigOption<"memory">);
    } catch (e) {
      if (e instanceof FlinkError) return undefined;
      throw e;
    }
  }

  /** The process whose options matter: the TaskManager's for tm, local and weights. */
  get process(): "tm" | "jm" {
    return this.target === "jm" ? "jm" : "tm";
  }

  /** Keys set for options of this process, in the order of the configuration. */
  configuredKeys(): string[] {
    if (!this.config || !this.options) return [];
    const out: string[] = [];
    for (const [key] of this.config.entries()) {
      const o = this.options.byKey(key) ?? this.options.byKey(key.replace(/\.[^.]*$/, ""));
      if (o && o.process === this.process) out.push(key);
    }
    return out;
  }
}
