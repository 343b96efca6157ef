/**
 * Input size bounds of the configuration readers (flink-memory's own; Flink has none but the
 * memory of its JVM). A Flink configuration is a few kilobytes; the bound keeps a hostile or
 * mistaken input (a log file, a binary) from costing unbounded memory and time.
 * @module
 */
import { FlinkError, JavaClass } from "../errors.js";

/**
 * Longest configuration text read: 10 Mi UTF-16 code units. The CLI refuses files over 10 MiB
 * before decoding them, and UTF-8 never decodes to more code units than it has bytes, so every
 * file the CLI reads passes this bound too. `config.yaml` is further bounded by snakeyaml's
 * 3 Mi code point limit, which Flink applies itself.
 */
export const MAX_CONFIG_CHARS = 10 * 1024 * 1024;

/** The typed error for a text over `MAX_CONFIG_CHARS` (`what` names it, e.g. the file). */
export function tooLong(what: string, length: number): FlinkError {
  return new FlinkError(
    JavaClass.IllegalArgument,
    `${what} is ${length} characters long; flink-memory reads at most ${MAX_CONFIG_CHARS} (10 Mi) characters: Flink configurations are kilobytes, and the limit bounds memory and time`,
  );
}
