package dev.shunt.loadtest.sim;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG x-y chart (no scripts, no fonts to fetch): one coloured series per name, points joined by
 * lines or not. The bar charts of {@code SvgChart} have no numeric x axis, which these plots need.
 *
 * @param title shown above
 * @param xLabel the x axis
 * @param yLabel the y axis
 * @param series name to points, each {@code {x, y}}
 * @param lines join each series' points
 */
public record SvgPlot(String title, String xLabel, String yLabel, Map<String, List<double[]>> series, boolean lines) {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 220;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    public SvgPlot {
        requireNonNull(title, "title");
        series = new LinkedHashMap<>(series);
    }

    /** The chart as an SVG document. */
    public String render() {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        double[] xs = axis(minX, maxX);
        double[] ys = axis(minY, maxY);
        int w = WIDTH - LEFT - RIGHT;
        int h = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        for (int i = 0; i <= 4; i++) {
            double vy = ys[0] + (ys[1] - ys[0]) * i / 4;
            double y = TOP + h - h * i / 4.0;
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + w, y));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, num(vy)));
            double vx = xs[0] + (xs[1] - xs[0]) * i / 4;
            double x = LEFT + w * i / 4.0;
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + h + 16, num(vx)));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + w / 2, HEIGHT - 12, esc(xLabel)));
        svg.append(f("<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>%n",
                TOP + h / 2, TOP + h / 2, esc(yLabel)));
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, w, h));
        int s = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            String color = COLORS[s % COLORS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                double x = LEFT + w * (p[0] - xs[0]) / (xs[1] - xs[0]);
                double y = TOP + h - h * (p[1] - ys[0]) / (ys[1] - ys[0]);
                path.append(path.length() == 0 ? "M" : " L").append(f("%.1f %.1f", x, y));
                svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s, %s</title></circle>%n",
                        x, y, color, esc(e.getKey()), num(p[0]), num(p[1])));
            }
            if (lines && e.getValue().size() > 1) {
                svg.append(f("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, color));
            }
            int ly = TOP + 10 + s * 18;
            svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    LEFT + w + 12, ly, color, LEFT + w + 26, ly + 9, esc(e.getKey())));
            s++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Axis bounds around {@code [min, max]} with a little room, never a zero span. */
    static double[] axis(double min, double max) {
        double span = max - min;
        if (span <= 0) {
            span = Math.max(1e-9, Math.abs(max) * 0.1 + 1e-9);
        }
        return new double[] {min - span * 0.05, max + span * 0.05};
    }

    private static String num(double v) {
        double a = Math.abs(v);
        return a >= 100 ? f("%.0f", v) : a >= 10 ? f("%.1f", v) : f("%.2f", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
