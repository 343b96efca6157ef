#!/usr/bin/env node
// Writes the JSON Schemas the package ships (schemas/), one per release line and kind, from the
// built library: `npm run schemas` after `npm run build`. A test checks they are current.
import { mkdirSync, writeFileSync } from "node:fs";
import { configSchema, flinkDeploymentSchema } from "../dist/src/schema/config-schema.js";
import { SUPPORTED_LINES } from "../dist/src/versions/version.js";

const dir = new URL("../schemas/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const line of SUPPORTED_LINES) {
  writeFileSync(new URL(`flink-${line}-config.json`, dir), JSON.stringify(configSchema(line), null, 2) + "\n");
  writeFileSync(new URL(`flink-${line}-flinkdeployment.json`, dir), JSON.stringify(flinkDeploymentSchema(line), null, 2) + "\n");
}
console.log(`wrote ${SUPPORTED_LINES.length * 2} schemas to schemas/`);
