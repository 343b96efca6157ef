/** `flink-memory schema [--flink V] [--kind config|flinkdeployment]`: the JSON Schema of a release's memory options. */
import { configSchema, flinkDeploymentSchema } from "../src/schema/config-schema.js";
import { NEWEST_LINE } from "../src/versions/version.js";
import { failureStatus } from "./resolve-command.js";

export function runSchema(opts: { flink?: string; kind: string }): number {
  try {
    const flink = opts.flink ?? NEWEST_LINE;
    const schema = opts.kind === "flinkdeployment" ? flinkDeploymentSchema(flink) : configSchema(flink);
    process.stdout.write(JSON.stringify(schema, null, 2) + "\n");
    return 0;
  } catch (e) {
    return failureStatus(e);
  }
}
