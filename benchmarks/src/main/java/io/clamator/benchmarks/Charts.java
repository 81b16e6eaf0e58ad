package io.clamator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The run's figures as SVG line charts (no library): for each payload, throughput and p50 and
 * p99 latency against caller concurrency, one line per system; throughput (calls/s and MB/s) at
 * concurrency 64 against the payloads measured; and, for the server-count sweep, throughput at
 * concurrency 64 against the number of server processes. The y axes are logarithmic.
 */
final class Charts {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf"};

    private Charts() {
    }

    /** Writes every chart into {@code folder}; returns the files written. */
    static List<Path> write(Path folder, Options options, List<BenchSystem> systems, Map<String, Measurement> results) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Payload payload : options.payloads) {
                written.add(write(folder.resolve("throughput-" + payload.label + ".svg"), againstConcurrency(
                        "Throughput, " + payload.label + " payload", "calls/s", options, systems, results, payload,
                        Measurement::callsPerSecond)));
                written.add(write(folder.resolve("latency-p50-" + payload.label + ".svg"), againstConcurrency(
                        "p50 latency, " + payload.label + " payload", "µs", options, systems, results, payload,
                        m -> m.percentileMicros(50))));
                written.add(write(folder.resolve("latency-p99-" + payload.label + ".svg"), againstConcurrency(
                        "p99 latency, " + payload.label + " payload", "µs", options, systems, results, payload,
                        m -> m.percentileMicros(99))));
            }
            if (options.payloads.size() > 1 && options.concurrency.contains(64)) {
                written.add(write(folder.resolve("payloads-c64.svg"), againstPayload("Throughput by payload, caller concurrency 64",
                        "calls/s", options, systems, results, (m, payload) -> m.callsPerSecond())));
                written.add(write(folder.resolve("payloads-mbps-c64.svg"), againstPayload(
                        "JSON carried by payload (params and results), caller concurrency 64", "MB/s", options, systems, results,
                        Report::megabytesPerSecond)));
            }
            if (systems.stream().anyMatch(system -> SeparateServersSystem.isName(system.name())) && options.concurrency.contains(64)) {
                for (Payload payload : options.payloads) {
                    written.add(write(folder.resolve("servers-" + payload.label + "-c64.svg"), againstServerCount(payload, systems, results)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the charts to " + folder, e);
        }
        return written;
    }

    private static Path write(Path file, String svg) throws IOException {
        Files.writeString(file, svg);
        return file;
    }

    private record Series(String name, List<double[]> points) {
    }

    private static String againstConcurrency(String title, String unit, Options options, List<BenchSystem> systems,
                                             Map<String, Measurement> results, Payload payload, ToDoubleFunction<Measurement> figure) {
        List<Series> series = new ArrayList<>();
        for (BenchSystem system : systems) {
            List<double[]> points = new ArrayList<>();
            for (int concurrency : options.concurrency) {
                Measurement m = results.get(Report.key(system.name(), payload, concurrency));
                if (m != null && m.calls() > 0) {
                    points.add(new double[] {concurrency, figure.applyAsDouble(m)});
                }
            }
            series.add(new Series(system.name(), points));
        }
        List<String> xLabels = options.concurrency.stream().map(String::valueOf).toList();
        List<Double> xs = options.concurrency.stream().map(Integer::doubleValue).toList();
        return chart(title, "caller concurrency", unit, xs, xLabels, series);
    }

    private static String againstPayload(String title, String unit, Options options, List<BenchSystem> systems,
                                         Map<String, Measurement> results, ToDoubleBiFunction<Measurement, Payload> figure) {
        List<Series> series = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < options.payloads.size(); i++) {
            xs.add((double) (i + 1));
            labels.add(options.payloads.get(i).label);
        }
        for (BenchSystem system : systems) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < options.payloads.size(); i++) {
                Measurement m = results.get(Report.key(system.name(), options.payloads.get(i), 64));
                if (m != null && m.calls() > 0) {
                    points.add(new double[] {i + 1, figure.applyAsDouble(m, options.payloads.get(i))});
                }
            }
            series.add(new Series(system.name(), points));
        }
        return chart(title, "payload", unit, xs, labels, series);
    }

    /** One line per kind of {@link SeparateServersSystem} ({@code clamator-java}, {@code redisson}, ...), x the server processes. */
    private static String againstServerCount(Payload payload, List<BenchSystem> systems, Map<String, Measurement> results) {
        Map<String, List<double[]>> byKind = new LinkedHashMap<>();
        TreeSet<Integer> counts = new TreeSet<>();
        for (BenchSystem system : systems) {
            if (!SeparateServersSystem.isName(system.name())) {
                continue;
            }
            int count = SeparateServersSystem.serverCountOf(system.name());
            Measurement m = results.get(Report.key(system.name(), payload, 64));
            counts.add(count);
            if (m != null && m.calls() > 0) {
                byKind.computeIfAbsent(SeparateServersSystem.kindOf(system.name()), kind -> new ArrayList<>())
                        .add(new double[] {count, m.callsPerSecond()});
            }
        }
        List<Series> series = byKind.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList();
        List<Double> xs = counts.stream().map(Integer::doubleValue).toList();
        List<String> labels = counts.stream().map(String::valueOf).toList();
        return chart("Throughput by server processes, " + payload.label + " payload, caller concurrency 64", "server processes",
                "calls/s", xs, labels, series);
    }

    /** A chart with a logarithmic y axis, x positions spread evenly in the order given. */
    private static String chart(String title, String xTitle, String unit, List<Double> xs, List<String> xLabels, List<Series> series) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Series s : series) {
            for (double[] point : s.points()) {
                if (point[1] > 0) {
                    low = Math.min(low, point[1]);
                    high = Math.max(high, point[1]);
                }
            }
        }
        if (high == 0) {
            low = 1;
            high = 10;
        }
        double lowDecade = Math.pow(10, Math.floor(Math.log10(low)));
        double highDecade = Math.pow(10, Math.ceil(Math.log10(high)));
        if (highDecade <= lowDecade) {
            highDecade = lowDecade * 10;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double logLow = Math.log10(lowDecade);
        double logSpan = Math.log10(highDecade) - logLow;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        for (double decade = lowDecade; decade <= highDecade * 1.0001; decade *= 10) {
            for (int step = 1; step < 10 && decade * step <= highDecade * 1.0001; step++) {
                double y = TOP + plotHeight - (Math.log10(decade * step) - logLow) / logSpan * plotHeight;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n", LEFT, y,
                        LEFT + plotWidth, y, step == 1 ? "#bbb" : "#eee"));
                if (step == 1) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4,
                            number(decade)));
                }
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s (log)</text>%n",
                TOP + plotHeight / 2, TOP + plotHeight / 2, escape(unit)));
        for (int i = 0; i < xs.size(); i++) {
            double x = xPosition(i, xs.size(), plotWidth);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, TOP, x, TOP + plotHeight));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotHeight + 18,
                    escape(xLabels.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth / 2,
                HEIGHT - 10, escape(xTitle)));
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] point : one.points()) {
                if (point[1] <= 0) {
                    continue;
                }
                double x = xPosition(xs.indexOf(point[0]), xs.size(), plotWidth);
                double y = TOP + plotHeight - (Math.log10(point[1]) - logLow) / logSpan * plotHeight;
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            if (!path.isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
            }
            int legendY = TOP + 10 + s * 18;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 35, legendY, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 40, legendY + 4, escape(one.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double xPosition(int index, int count, int plotWidth) {
        return count == 1 ? LEFT + plotWidth / 2.0 : LEFT + 20 + index * (plotWidth - 40.0) / (count - 1);
    }

    private static String number(double value) {
        if (value < 1) {
            return new BigDecimal(value).round(new MathContext(1)).stripTrailingZeros().toPlainString();
        }
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.0fM", value / 1_000_000);
        }
        if (value >= 1_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
