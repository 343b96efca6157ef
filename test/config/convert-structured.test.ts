// Map- and list-typed option values: StructuredOptionsSplitter, the legacy pattern, the
// standard-YAML-first path and its fallback. Expected values and messages are what Flink's
// Java code gives (the splitter and legacy pattern were checked against Flink's own classes).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { FlinkError, JavaClass } from "../../src/errors.js";
import { Configuration } from "../../src/config/configuration.js";
import type { RawValue } from "../../src/config/raw-value.js";
import { loadYamlObject, type YamlObject } from "../../src/config/yaml/index.js";
import {
  convertToList,
  convertToListWith,
  convertToMap,
  convertToMapWith,
  splitEscaped,
  type YamlCodec,
} from "../../src/config/convert-structured.js";
import { optionsFor } from "../../src/options/registry.js";
import { javaDoubleToString } from "../../src/java/numbers.js";
import { failure } from "../support/failure.js";

const str = (v: string): RawValue => ({ t: "str", v });
const ILLEGAL_STATE = "java.lang.IllegalStateException";

/** The project's YAML loader is written separately; tests of the real loader path wait for it. */
const yamlReady = (() => {
  try {
    loadYamlObject("a");
    return true;
  } catch (e) {
    return !(e instanceof Error && /not implemented/.test(e.message));
  }
})();

/**
 * A stand-in YAML library (the `yaml` package, core schema), enough to exercise the
 * conversion logic around the loader: what Flink does with maps, lists, nulls and
 * non-string scalars it loads. It is not the project's snakeyaml-engine equivalent.
 */
const standIn: YamlCodec = {
  load(text) {
    const doc = parseDocument(text, { schema: "core", intAsBigInt: true, uniqueKeys: true });
    if (doc.errors.length > 0) throw doc.errors[0]!;
    const conv = (n: unknown): YamlObject => {
      if (n === null || n === undefined) return { t: "null" };
      if (isMap(n)) return { t: "ymap", entries: n.items.map((p) => [conv(p.key), conv(p.value)] as const) };
      if (isSeq(n)) return { t: "list", items: n.items.map(conv) };
      if (isScalar(n)) {
        const v = n.value;
        if (v === null) return { t: "null" };
        if (typeof v === "bigint") return { t: "int", v };
        if (typeof v === "number") return { t: "float", v };
        if (typeof v === "boolean") return { t: "bool", v };
        return { t: "str", v: String(v) };
      }
      throw new Error(`unsupported node ${String((n as YamlNode).constructor?.name)}`);
    };
    return conv(doc.contents);
  },
  toFlowString(o) {
    switch (o.t) {
      case "list":
        return `[${o.items.map((i) => standIn.toFlowString(i)).join(", ")}]`;
      case "ymap":
        return `{${o.entries.map(([k, v]) => `${standIn.toFlowString(k)}: ${standIn.toFlowString(v)}`).join(", ")}}`;
      case "null":
        return "null";
      case "float":
        return javaDoubleToString(o.v);
      case "int":
        return o.v.toString();
      case "bool":
        return String(o.v);
      case "str":
        return o.v;
      default:
        throw new Error(`unexpected ${o.t}`);
    }
  },
};

/** A YAML library that fails on everything: what the fallback alone gives. */
const failing: YamlCodec = {
  load() {
    throw new Error("broken");
  },
  toFlowString() {
    throw new Error("broken");
  },
};


const entries = (m: ReadonlyMap<string, string>) => [...m];

describe("splitEscaped (StructuredOptionsSplitter)", () => {
  it.each([
    ["a;b;c", ["a", "b", "c"]],
    ["  a ; b  ;c ", ["a", "b", "c"]],
    ["'A;B';C", ["A;B", "C"]],
    [`"AB'D";B;C`, ["AB'D", "B", "C"]],
    [`"AB'""D;B";C`, [`AB'"D;B`, "C"]],
    ["'it''s'", ["it's"]],
    ["a'b;c", ["a'b", "c"]],
    ["a;;b", ["a", "", "b"]],
    ["a; ;b", ["a", "", "b"]],
    [";a", ["a"]],
    ["a;", ["a"]],
    [";;", [""]],
    ["", []],
    ["   ", []],
    ["' a '", [" a "]],
    ["''", [""]],
    ["\u00a0a", ["\u00a0a"]], // no-break space is not Java whitespace, and trim keeps it
    ["\u2000a", ["a"]], // en quad is Java whitespace: skipped before a token
    ["\u0001", [""]], // not whitespace, so it starts a token, then trim() removes it
  ])("%j -> %j", (s, parts) => {
    expect(splitEscaped(s, ";")).toEqual(parts);
  });

  it.each([
    ["'a", "Could not split string. Quoting was not closed properly."],
    [`a;"b`, "Could not split string. Quoting was not closed properly."],
    ["'a'b", "Could not split string. Illegal quoting at position: 2"],
    ["'a' b", "Could not split string. Illegal quoting at position: 3"],
    ["'a''b'  'c'", "Could not split string. Illegal quoting at position: 7"],
  ])("%j fails: %s", (s, message) => {
    const e = failure(() => splitEscaped(s, ";"));
    expect(e.javaClass).toBe(JavaClass.IllegalArgument);
    expect(e.message).toBe(message);
  });

  it("returns any list of items joined with quoting (property)", () => {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    fc.assert(
      fc.property(fc.array(fc.string()), fc.constantFrom(";", ",", ":"), (items, d) => {
        expect(splitEscaped(items.map(quote).join(d), d)).toEqual(items);
      }),
    );
  });

  it("fails only with Flink's IllegalArgumentException (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "'", '"', ";", "b", "\t") }), (s) => {
        try {
          splitEscaped(s, ";");
        } catch (e) {
          expect(e).toBeInstanceOf(FlinkError);
          expect((e as FlinkError).javaClass).toBe(JavaClass.IllegalArgument);
        }
      }),
    );
  });
});

describe("convertToMap: the legacy pattern", () => {
  for (const standardYaml of [false, true]) {
    const conv = (s: string) => convertToMapWith(str(s), standardYaml, failing);
    describe(standardYaml ? "as the fallback of standard YAML" : "legacy flink-conf.yaml", () => {
      it("reads key:value pairs, trimmed", () => {
        expect(Object.fromEntries(conv(" OPERATOR : 70 , PYTHON:30"))).toEqual({ OPERATOR: "70", PYTHON: "30" });
      });

      it("honours nested quoting", () => {
        expect(Object.fromEntries(conv(`"'k:1':v",x:y`))).toEqual({ "k:1": "v", x: "y" });
        expect(Object.fromEntries(conv("a:' 70'"))).toEqual({ a: " 70" });
      });

      it("gives Java HashMap iteration order", () => {
        expect([...conv("PYTHON:1,STATE_BACKEND:2,OPERATOR:3").keys()]).toEqual(["OPERATOR", "PYTHON", "STATE_BACKEND"]);
      });

      it("reads an empty value as an empty map", () => {
        expect(conv("").size).toBe(0);
      });

      it.each([
        ["OPERATOR", JavaClass.IllegalArgument, "Map item is not a key-value pair (missing ':'?)"],
        ["a:1:2", JavaClass.IllegalArgument, "Map item is not a key-value pair (missing ':'?)"],
        ["a:1,,b:2", JavaClass.IllegalArgument, "Map item is not a key-value pair (missing ':'?)"],
        ["a:1,a:2", ILLEGAL_STATE, "Duplicate key a (attempted merging values 1 and 2)"],
        ["a:1,a:2,b", ILLEGAL_STATE, "Duplicate key a (attempted merging values 1 and 2)"],
        ["b,a:1,a:2", JavaClass.IllegalArgument, "Map item is not a key-value pair (missing ':'?)"],
        ["a:'1", JavaClass.IllegalArgument, "Could not split string. Quoting was not closed properly."],
        ["'a':1", JavaClass.IllegalArgument, "Could not split string. Illegal quoting at position: 2"],
      ])("%j fails with %s: %s", (s, cls, message) => {
        const e = failure(() => conv(s));
        expect(e.javaClass).toBe(cls);
        expect(e.message).toBe(message);
      });
    });
  }

  it("reads a YAML-looking value literally in legacy mode", () => {
    expect(entries(convertToMapWith(str("{OPERATOR: 70}"), false, standIn))).toEqual([["{OPERATOR", "70}"]]);
    expect(entries(convertToMap(str("{OPERATOR: 70}"), false))).toEqual([["{OPERATOR", "70}"]]);
  });

  it("takes non-string values by their Java toString", () => {
    const e = failure(() => convertToMap({ t: "int", v: 5n }, false));
    expect(e.message).toBe("Map item is not a key-value pair (missing ':'?)");
  });

  it("returns a map value (prefix keys) as it is", () => {
    const m = new Map([["b", "1"], ["a", "2"]]);
    expect(convertToMap({ t: "map", v: m }, false)).toBe(m);
    expect(convertToMap({ t: "map", v: m }, true)).toBe(m);
  });
});

describe("convertToMap: standard YAML first", () => {
  const conv = (s: string) => Object.fromEntries(convertToMapWith(str(s), true, standIn));

  it("reads a flow or block YAML map", () => {
    expect(conv("{OPERATOR: 70, PYTHON: 30}")).toEqual({ OPERATOR: "70", PYTHON: "30" });
    expect(conv("OPERATOR: 70")).toEqual({ OPERATOR: "70" });
  });

  it("turns non-string keys and values into YAML strings", () => {
    expect(conv("{1: 1.50, true: [1, 2], c: {d: e}}")).toEqual({ "1": "1.5", true: "[1, 2]", c: "{d: e}" });
  });

  it("falls back to the legacy pattern when the YAML is not a map", () => {
    expect(conv("OPERATOR:70,PYTHON:30")).toEqual({ OPERATOR: "70", PYTHON: "30" });
    expect(conv("'a:1'")).toEqual({ a: "1" });
  });

  it("falls back when a key or value is null", () => {
    expect(conv("{a: }")).toEqual({ "{a": "}" });
    expect(conv("{a: null, b: 1}")).toEqual({ "{a": "null", b: "1}" });
  });

  it("falls back when two keys print the same", () => {
    const e = failure(() => conv("{1: x, '1': y}"));
    expect(e.message).toBe("Could not split string. Illegal quoting at position: 9");
  });

  it("falls back when the YAML is invalid", () => {
    expect(conv("a: [b")).toEqual({ a: "[b" });
  });

  it.runIf(yamlReady)("with the project's YAML loader", () => {
    const real = (s: string) => Object.fromEntries(convertToMap(str(s), true));
    expect(real("{OPERATOR: 70, PYTHON: 30}")).toEqual({ OPERATOR: "70", PYTHON: "30" });
    expect(real("OPERATOR: 70")).toEqual({ OPERATOR: "70" });
    expect(real("{a: 1.50, b: true, c: [1, 2]}")).toEqual({ a: "1.5", b: "true", c: "[1, 2]" });
    expect(real("OPERATOR:70,PYTHON:30")).toEqual({ OPERATOR: "70", PYTHON: "30" });
    expect(real("{a: }")).toEqual({ "{a": "}" });
    expect(real("")).toEqual({});
    expect(failure(() => real("{1: x, '1': y}")).message).toBe("Could not split string. Illegal quoting at position: 9");
  });
});

describe("convertToList", () => {
  it("splits on ';' in legacy mode, whatever the value looks like", () => {
    expect(convertToList(str("gpu;fpga"), false)).toEqual(["gpu", "fpga"]);
    expect(convertToListWith(str("[gpu, fpga]"), false, standIn)).toEqual(["[gpu, fpga]"]);
    expect(convertToList(str(""), false)).toEqual([]);
    expect(convertToList(str("'a;b';c"), false)).toEqual(["a;b", "c"]);
  });

  it("reads a YAML list first in standard YAML", () => {
    expect(convertToListWith(str("[gpu, fpga]"), true, standIn)).toEqual(["gpu", "fpga"]);
    expect(convertToListWith(str("[1, 2.50, true, {a: b}]"), true, standIn)).toEqual(["1", "2.5", "true", "{a: b}"]);
    expect(convertToListWith(str("- gpu\n- fpga"), true, standIn)).toEqual(["gpu", "fpga"]);
  });

  it("falls back to ';' when the YAML is not a list, holds a null, or is invalid", () => {
    expect(convertToListWith(str("gpu;fpga"), true, standIn)).toEqual(["gpu", "fpga"]);
    expect(convertToListWith(str("[a, null]"), true, standIn)).toEqual(["[a, null]"]);
    expect(convertToListWith(str("[a, ]"), true, standIn)).toEqual(["a"]);
    expect(convertToListWith(str("[a"), true, standIn)).toEqual(["[a"]);
    expect(convertToListWith(str(""), true, standIn)).toEqual([]);
    expect(convertToListWith(str("'a;b';c"), true, failing)).toEqual(["a;b", "c"]);
  });

  it("fails as the splitter does", () => {
    const e = failure(() => convertToList(str("'a"), true));
    expect(e.javaClass).toBe(JavaClass.IllegalArgument);
    expect(e.message).toBe("Could not split string. Quoting was not closed properly.");
  });

  it.runIf(yamlReady)("with the project's YAML loader", () => {
    expect(convertToList(str("[gpu, fpga]"), true)).toEqual(["gpu", "fpga"]);
    expect(convertToList(str("[1, 2.50, true]"), true)).toEqual(["1", "2.5", "true"]);
    expect(convertToList(str("gpu;fpga"), true)).toEqual(["gpu", "fpga"]);
    expect(convertToList(str("[a, null]"), true)).toEqual(["[a, null]"]);
    expect(convertToList(str(""), true)).toEqual([]);
  });
});

describe("through Configuration.get", () => {
  const KEY = "taskmanager.memory.managed.consumer-weights";

  for (const [flink, standardYaml] of [["2.0", true], ["1.20", true], ["1.20", false]] as const) {
    it(`wraps a failure in "Could not parse value" (Flink ${flink}, standardYaml=${standardYaml})`, () => {
      const conf = new Configuration({ options: optionsFor(flink), standardYaml });
      conf.setRaw(KEY, str("PYTHON:1,OPERATOR"), { source: "config.yaml", line: 1 });
      const e = failure(() => conf.get(optionsFor(flink).get("tm.consumerWeights")));
      expect(e.javaClass).toBe(JavaClass.IllegalArgument);
      expect(e.message).toBe(`Could not parse value 'PYTHON:1,OPERATOR' for key '${KEY}'.`);
      expect(e.causes).toEqual(["Map item is not a key-value pair (missing ':'?)"]);
      expect(e.rootLocation).toEqual({ source: "config.yaml", line: 1 });
    });
  }

  it("reads a plain weights string the same in every mode", () => {
    for (const standardYaml of [true, false]) {
      const conf = new Configuration({ options: optionsFor("1.20"), standardYaml });
      conf.setRaw(KEY, str("OPERATOR:10, DATAPROC:3"));
      expect(Object.fromEntries(conf.get(optionsFor("1.20").get<"map">("tm.consumerWeights"))!)).toEqual({ OPERATOR: "10", DATAPROC: "3" });
    }
  });
});
