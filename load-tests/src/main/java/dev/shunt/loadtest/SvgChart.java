package dev.shunt.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Figure} as a plain SVG bar chart (no scripts, no fonts to fetch). */
final class SvgChart {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 80;

    private SvgChart() {}

    static String render(Figure figure) {
        double max = figure.series().values().stream().flatMap(List::stream).filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double top = niceCeiling(max <= 0 ? 1 : max);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(figure.title())));
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double y = TOP + plotH - plotH * (v / top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
                    y + 4, number(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(figure.unit())));
        int groups = figure.labels().size();
        int seriesCount = figure.series().size();
        double groupW = (double) plotW / Math.max(1, groups);
        double barW = groupW * 0.8 / Math.max(1, seriesCount);
        int s = 0;
        for (Map.Entry<String, List<Double>> series : figure.series().entrySet()) {
            String color = COLORS[s % COLORS.length];
            for (int g = 0; g < groups; g++) {
                double v = series.getValue().get(g);
                if (Double.isNaN(v)) {
                    continue;
                }
                double h = plotH * Math.max(0, v) / top;
                double x = LEFT + g * groupW + groupW * 0.1 + s * barW;
                double y = TOP + plotH - h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s %s: %s %s</title></rect>%n", x, y, barW - 2, h, color,
                        escape(figure.labels().get(g)), escape(series.getKey()), number(v), escape(figure.unit())));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                        + "font-size=\"10\">%s</text>%n", x + (barW - 2) / 2, y - 3, number(v)));
            }
            if (seriesCount > 1) {
                int lx = WIDTH - RIGHT - 110;
                int ly = TOP - 30 + s * 14;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly, color, lx + 14, ly + 9, escape(series.getKey())));
            }
            s++;
        }
        // labels wider than their group are slanted so that neighbours do not overlap
        boolean slant = figure.labels().stream().anyMatch(l -> l.length() * 6.5 > groupW);
        for (int g = 0; g < groups; g++) {
            double cx = LEFT + g * groupW + groupW / 2;
            int y = TOP + plotH + 18;
            svg.append(slant
                    ? String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" "
                            + "transform=\"rotate(-20 %.1f %d)\">%s</text>%n", cx + 8, y, cx + 8, y,
                            escape(figure.labels().get(g)))
                    : String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", cx, y,
                            escape(figure.labels().get(g))));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
                TOP + plotH, WIDTH - RIGHT, TOP + plotH));
        return svg.append("</svg>\n").toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at or above {@code v}. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
