// Prints, for every fan-out pointwise edge up -> down (1 <= up < down <= N), the consumer range of each
// producer as Flink 1.13.0/1.13.1's EdgeManagerBuildUtil computes it (float factor, Math.ceil),
// or OOB where the last range ends past the last consumer.
public class PointwiseFanOut1131 {
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]);
    for (int up = 1; up <= n; up++) for (int down = up + 1; down <= n; down++) {
      float factor = ((float) down) / up;
      StringBuilder sb = new StringBuilder(); boolean bad = false;
      for (int p = 0; p < up; p++) {
        int start = (int) (Math.ceil(p * factor));
        int end = (int) (Math.ceil((p + 1) * factor));
        if (end > down) bad = true;
        sb.append(p == 0 ? "" : " ").append(start).append('-').append(end);
      }
      System.out.println(up + "\t" + down + "\t" + (bad ? "OOB" : sb));
    }
  }
}
