package dev.shunt.loadtest.reliability;

/** Reads sample values out of Prometheus' text format, without a client library. */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * The sum of every sample of {@code metric} (the exact name, not a longer one that starts with it)
     * whose label text contains each of {@code labels} (e.g. {@code outcome="ok"}).
     */
    static double sum(String text, String metric, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int afterName = metric.length();
            if (afterName < line.length() && line.charAt(afterName) != '{' && line.charAt(afterName) != ' ') {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(space + 1).trim());
            }
        }
        return sum;
    }
}
