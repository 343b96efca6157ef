/**
 * The one error type the library throws for anything a user can get wrong. It carries the
 * exception class and the exact message Flink would report, its cause chain, and our own
 * hint and source location where we know them.
 * @module
 */

/** Java exception classes Flink's memory code can end in. */
export const JavaClass = {
  IllegalConfiguration: "org.apache.flink.configuration.IllegalConfigurationException",
  IllegalArgument: "java.lang.IllegalArgumentException",
  NumberFormat: "java.lang.NumberFormatException",
  Arithmetic: "java.lang.ArithmeticException",
  NullPointer: "java.lang.NullPointerException",
  Runtime: "java.lang.RuntimeException",
  IllegalState: "java.lang.IllegalStateException",
  ClassCast: "java.lang.ClassCastException",
  ArrayIndexOutOfBounds: "java.lang.ArrayIndexOutOfBoundsException",
} as const;
export type JavaClassName = (typeof JavaClass)[keyof typeof JavaClass];

/** Where in an input a value came from (1-based line and column). */
export interface SourceLocation {
  /** `config.yaml`, `flink-conf.yaml`, `-D`, or a file path given by the caller. */
  source: string;
  line?: number;
  column?: number;
}

export interface FlinkErrorOptions {
  cause?: FlinkError;
  hint?: string;
  location?: SourceLocation;
  /** The option key the failure is about, when there is one. */
  key?: string;
  /**
   * Other keys the failure involves (e.g. a range's min and max when its fraction is named), to
   * point at a line when `key` is not in the file.
   */
  relatedKeys?: readonly string[];
  /** Java's exception has no message (`Preconditions.checkArgument(boolean)`): `message` is then only our words. */
  noJavaMessage?: boolean;
}

/** A failure that Flink reports as `javaClass` with exactly `message`. */
export class FlinkError extends Error {
  readonly javaClass: JavaClassName;
  override readonly cause: FlinkError | undefined;
  hint: string | undefined;
  location: SourceLocation | undefined;
  key: string | undefined;
  relatedKeys: readonly string[];
  /** Java's exception had no message (Flink prints the class alone). */
  readonly noJavaMessage: boolean;

  constructor(javaClass: JavaClassName, message: string, options: FlinkErrorOptions = {}) {
    super(message);
    this.name = "FlinkError";
    this.javaClass = javaClass;
    this.cause = options.cause;
    this.hint = options.hint;
    this.location = options.location;
    this.key = options.key;
    this.relatedKeys = options.relatedKeys ?? [];
    this.noJavaMessage = options.noJavaMessage === true;
  }

  /** Messages of the causes, outermost first (Flink's `Caused by:` lines). */
  get causes(): string[] {
    const out: string[] = [];
    for (let c = this.cause; c; c = c.cause) out.push(c.message);
    return out;
  }

  /** The innermost location or key found along the cause chain. */
  get rootLocation(): SourceLocation | undefined {
    let loc = this.location;
    for (let c = this.cause; c; c = c.cause) loc = c.location ?? loc;
    return loc;
  }

  get rootKey(): string | undefined {
    let key = this.key;
    for (let c = this.cause; c; c = c.cause) key = c.key ?? key;
    return key;
  }

  /** The related keys along the cause chain, innermost first. */
  get rootRelatedKeys(): string[] {
    const out: string[] = [];
    for (let c: FlinkError | undefined = this; c; c = c.cause) out.unshift(...c.relatedKeys);
    return out;
  }
}

export const illegalConfig = (message: string, options?: FlinkErrorOptions) =>
  new FlinkError(JavaClass.IllegalConfiguration, message, options);
export const illegalArgument = (message: string, options?: FlinkErrorOptions) =>
  new FlinkError(JavaClass.IllegalArgument, message, options);

export function isFlinkError(e: unknown): e is FlinkError {
  return e instanceof FlinkError;
}
