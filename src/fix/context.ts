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
import { healthContextOf, healthIssues, type HealthContext, type HealthIssue } from "../sizing/healthy.js";
import type { KeyChange } from "./changes.js";

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
    health?: HealthContext,
  ) {
    this.config = prober?.config;
    const p = target === "jm" ? "jm" : "tm";
    this.health = target === "tm" || target === "jm" ? (health ?? (this.config ? healthContextOf(this.config, p) : undefined)) : undefined;
    this.options = prober?.config.options;
    this.messages = [error.message, ...error.causes];
    this.template = templateOf(error);
  }

  readonly template: string;
  /** What a healthy answer needs, from the user's configuration (TaskManager and JobManager only). */
  readonly health: HealthContext | undefined;

  /** The first match of `re` in any message of the failure. */
  match(re: RegExp): RegExpExecArray | undefined {
    for (const m of this.messages) {
      const r = re.exec(m);
      if (r) return r;
    }
    return undefined;
  }

  /**
   * Why the configuration with `changes` is not healthy (empty: healthy, or not a TaskManager
   * or JobManager); a configuration that does not resolve is not healthy either.
   */
  healthIssues(changes: readonly KeyChange[]): HealthIssue[] {
    if (!this.prober || !this.health) return [];
    const o = this.prober.outcome(changes);
    if (!o.ok) return [{ component: "process", why: "it does not resolve" }];
    const spec = o.spec;
    return spec && (spec.kind === "tm" || spec.kind === "jm") ? healthIssues(spec, this.health) : [];
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
