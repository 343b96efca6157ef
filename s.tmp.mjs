import Ajv from "ajv";
import { configSchema } from "./dist/src/schema/config-schema.js";
import { readStandardYaml } from "./dist/src/config/yaml-reader.js";
const ajv = new Ajv({ strict: false, allErrors: false });
const v = ajv.compile(configSchema("2.2"));
import YAML from "yaml";
for (const t of ["taskmanager.memory.process.size: 4g", "taskmanager:\n  memory:\n    process:\n      size: 4g", "taskmanager:\n  memory.process.size: 4gb", "taskmanager.memory.process.size: 4Gi", "taskmanager.memory.managed.fraction: 1.0", "taskmanager.memory.managed.fraction: 0.4", "taskmanager.memory.process.size: 9999999999t", "taskmanager.memory.process.size: 8388607t", "a.b: 1", "jobmanager.memory.enable-jvm-direct-memory-limit: yes"]) {
  console.log(JSON.stringify(t), v(YAML.parse(t)));
}
