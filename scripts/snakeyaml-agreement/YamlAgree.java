// Flink's own config.yaml loading (GlobalConfiguration.loadYAMLResource: snakeyaml-engine, flatten,
// setValueInternal) on documents read from stdin (one base64 UTF-8 document per line); one JSON line
// out each: {"ok": [[key, type, toString]...]} sorted by key, or {"err": "yaml"|"null"|"cast"|"other", ...}.
// Compiled and run against an oracle's classes by scripts/snakeyaml-agreement.mjs.
import java.io.*;
import java.lang.reflect.*;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import org.apache.flink.configuration.*;

public class YamlAgree {
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
  public static void main(String[] a) throws Exception {
    Method load = GlobalConfiguration.class.getDeclaredMethod("loadYAMLResource", File.class);
    load.setAccessible(true);
    Field data = Configuration.class.getDeclaredField("confData");
    data.setAccessible(true);
    Pattern mark = Pattern.compile("line (\\d+), column (\\d+)");
    File f = File.createTempFile("agree", ".yaml");
    f.deleteOnExit();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    // The flow dumper's anchor numbers run on across dumps (one NumberAnchorGenerator in static
    // DumpSettings): a fresh JVM starts at 0, so each document starts there.
    Field fs = YamlParserUtils.class.getDeclaredField("flowDumperSettings");
    fs.setAccessible(true);
    Object gen = ((org.snakeyaml.engine.v2.api.DumpSettings) fs.get(null)).getAnchorGenerator();
    Field last = gen.getClass().getDeclaredField("lastAnchorId");
    last.setAccessible(true);
    String line;
    while ((line = in.readLine()) != null) {
      last.setInt(gen, 0);
      Files.write(f.toPath(), Base64.getDecoder().decode(line));
      String res;
      try {
        Configuration c = (Configuration) load.invoke(null, f);
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) data.get(c);
        List<String> keys = new ArrayList<>(m.keySet());
        Collections.sort(keys);
        StringBuilder b = new StringBuilder("{\"ok\":[");
        for (int i = 0; i < keys.size(); i++) {
          Object v = m.get(keys.get(i));
          String t, s;
          if (v instanceof String) { t = "str"; s = (String) v; }
          else if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) { t = "int"; s = v.toString(); }
          else if (v instanceof Double) { t = "float"; s = v.toString(); }
          else if (v instanceof Boolean) { t = "bool"; s = v.toString(); }
          else { t = "str"; s = YamlParserUtils.toYAMLString(v); }
          if (i > 0) b.append(',');
          b.append('[').append(q(keys.get(i))).append(',').append(q(t)).append(',').append(q(s)).append(']');
        }
        res = b.append("]}").toString();
      } catch (InvocationTargetException ite) {
        Throwable t = ite.getCause();
        if (t instanceof RuntimeException && "Error parsing YAML configuration.".equals(t.getMessage()) && t.getCause() != null) {
          Throwable e = t.getCause();
          String msg = String.valueOf(e.getMessage());
          if (e instanceof NullPointerException) res = "{\"err\":\"null\",\"msg\":" + q(msg) + "}";
          else if (e instanceof ClassCastException) res = "{\"err\":\"cast\",\"msg\":" + q(msg) + "}";
          else if (e instanceof org.snakeyaml.engine.v2.exceptions.YamlEngineException) {
            Matcher mm = mark.matcher(msg);
            String where = "";
            while (mm.find()) where = ",\"line\":" + mm.group(1) + ",\"column\":" + mm.group(2);
            res = "{\"err\":\"yaml\"" + where + ",\"msg\":" + q(msg) + "}";
          } else res = "{\"err\":\"other\",\"cls\":" + q(e.getClass().getName()) + ",\"msg\":" + q(msg) + "}";
        } else if (t instanceof StackOverflowError) res = "{\"err\":\"stackoverflow\"}";
        else res = "{\"err\":\"other\",\"cls\":" + q(t.getClass().getName()) + ",\"msg\":" + q(String.valueOf(t.getMessage())) + "}";
      }
      out.println(res);
    }
    out.flush();
  }
}
