import { describe, expect, it } from "vitest";
import { imageVersion, parseImageReference } from "../../src/docker/image-ref.js";
import { dockerMemoryBytes } from "../../src/docker/container-memory.js";
import { NEWEST_LINE } from "../../src/versions/version.js";

describe("image reference → Flink release", () => {
  it.each([
    ["flink:1.17.2-scala_2.12-java11", "tag", "1.17.2"],
    ["flink:1.20", "tag", "1.20"],
    ["flink:1.18-scala_2.12-java11", "tag", "1.18"],
    ["apache/flink:2.1.0-java17", "tag", "2.1.0"],
    ["docker.io/library/flink:1.16.0-scala_2.12", "tag", "1.16.0"],
    ["apache/flink:1.16.0-scala_2.12-java11", "tag", "1.16.0"],
    ["flink:1.11.0-scala_2.11", "tag", "1.11.0"],
    ["flink:1.19-java17", "tag", "1.19"],
    ["flink:latest", "latest", NEWEST_LINE],
    ["flink", "latest", NEWEST_LINE],
    ["flink:scala_2.12-java17", "latest", NEWEST_LINE],
  ])("%s", (image, kind, label) => {
    const v = imageVersion(image);
    expect(v.kind).toBe(kind);
    expect(v.kind === "tag" || v.kind === "latest" ? v.label : undefined).toBe(label);
    expect(v.official).toBe(true);
  });
  it("a digest without tag, a custom image, a tag without release: unknown", () => {
    expect(imageVersion("flink@sha256:0123abcd").kind).toBe("unknown");
    expect(imageVersion("myorg/flink-job:3")).toMatchObject({ kind: "unknown", official: false });
    expect(imageVersion("pyflink/pyflink:1.16.0-scala_2.12")).toMatchObject({ kind: "unknown", official: false });
    expect(imageVersion("flink:my-build").kind).toBe("unknown");
    // A tag next to a digest still names the release.
    expect(imageVersion("flink:1.17.2@sha256:0123abcd")).toMatchObject({ kind: "tag", label: "1.17.2" });
  });
  it("releases we do not model", () => {
    expect(imageVersion("flink:1.9.3-scala_2.12")).toMatchObject({ kind: "unsupported", release: "1.9.3" });
  });
  it("registry hosts and ports are not tags", () => {
    expect(parseImageReference("localhost:5000/flink:1.17")).toEqual({ registry: "localhost:5000", repository: "flink", tag: "1.17" });
    expect(parseImageReference("registry.example.com:443/team/flink")).toEqual({ registry: "registry.example.com:443", repository: "team/flink" });
  });
});

describe("Docker memory sizes (binary units, go-units RAMInBytes)", () => {
  it.each([
    ["512m", 512n * 1024n * 1024n],
    ["512M", 512n * 1024n * 1024n],
    ["1g", 1024n ** 3n],
    ["1gb", 1024n ** 3n],
    ["1GiB", 1024n ** 3n],
    ["2 g", 2n * 1024n ** 3n],
    ["1.5g", 1610612736n],
    ["1024", 1024n],
    ["100b", 100n],
  ] as const)("%s", (text, bytes) => expect(dockerMemoryBytes(text)).toBe(bytes));
  it("integers are bytes; nonsense is refused", () => {
    expect(dockerMemoryBytes(1073741824n)).toBe(1073741824n);
    for (const bad of ["1x", "1.2.3g", "g", "", "-1g", "1 gib b"]) expect(dockerMemoryBytes(bad)).toBeUndefined();
  });
});
