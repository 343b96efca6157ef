/**
 * The `FLINK_PROPERTIES` environment variable of the official Docker image, honoured by every
 * command that reads a configuration: applied as the image's entrypoint applies it (after the
 * file, before `-D`; see `src/docker/flink-properties.ts`). One notice line on stderr says so;
 * values are never printed (they may hold credentials).
 */
import type { ConfigInput } from "../src/config/load.js";
import { withFlinkProperties } from "../src/docker/flink-properties.js";
import { flinkVersion, NEWEST_LINE } from "../src/versions/version.js";

export function applyFlinkPropertiesEnv(input: ConfigInput, flink: string | undefined, env: NodeJS.ProcessEnv = process.env): ConfigInput {
  const properties = env.FLINK_PROPERTIES;
  // The entrypoint's test is `[ -n "${FLINK_PROPERTIES}" ]`.
  if (properties === undefined || properties === "") return input;
  const version = flinkVersion(flink ?? NEWEST_LINE);
  const applied = withFlinkProperties(input, properties, version, (name) => env[name]);
  process.stderr.write(`note: FLINK_PROPERTIES applied (${applied.lines} line(s), ${applied.how})\n`);
  for (const n of applied.nested) {
    process.stderr.write(`warning: FLINK_PROPERTIES line ${n.line} is nested YAML: the image reads it one line at a time, so it sets '${n.key}', not '${n.meant}'\n`);
  }
  for (const v of applied.unsetVariables) process.stderr.write(`note: FLINK_PROPERTIES refers to $${v}, which is not set: envsubst makes it empty, as in the container\n`);
  return applied.input;
}
