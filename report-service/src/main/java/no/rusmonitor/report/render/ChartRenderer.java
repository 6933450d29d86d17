package no.rusmonitor.report.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import no.rusmonitor.report.report.CountyRow;
import no.rusmonitor.report.report.SpreadStats;
import no.rusmonitor.report.report.YearCell;

/**
 * The report's charts, drawn by JFreeChart: trend lines, county bars, and the spread across municipalities
 * as box plots; written as SVG by JFreeSVG for the HTML page ({@link #svg}), drawn into the PDF by
 * {@link PdfCharts}. Only shown values are drawn, so a withheld value leaves a gap, never a bar or a point.
 * CPU-bound: call it on a {@link RenderPool} thread, never the event loop.
 */
public final class ChartRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 640;
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color[] SERIES = { new Color(0x1f, 0x4e, 0x79), new Color(0xc5, 0x5a, 0x11) };

    private ChartRenderer() {
    }

    /** One or two series over the years; null points are gaps. */
    public static Chart trend(String label, List<YearCell> series, String otherLabel, List<YearCell> other, int decimals, String lang) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (YearCell point : series) {
            data.addValue(point.cell().value(), label, Integer.toString(point.year()));
        }
        if (other != null) {
            for (YearCell point : other) {
                data.addValue(point.cell().value(), otherLabel, Integer.toString(point.year()));
            }
        }
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < SERIES.length; i++) {
            renderer.setSeriesPaint(i, SERIES[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        CategoryPlot plot = new CategoryPlot(data, axis(), valueAxis(decimals, lang), renderer);
        JFreeChart chart = chart(plot, other != null);
        return new Chart(chart, WIDTH, 220);
    }

    /** The counties' values as horizontal bars. */
    public static Chart counties(List<CountyRow> counties, int decimals, String lang) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (CountyRow c : counties) {
            data.addValue(c.value().value(), "value", c.name());
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, SERIES[0]);
        renderer.setMaximumBarWidth(0.8);
        CategoryPlot plot = new CategoryPlot(data, axis(), valueAxis(decimals, lang), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return new Chart(chart(plot, false), WIDTH, 40 + 18 * Math.max(1, counties.size()));
    }

    /** Box plots of the municipalities' values: the country first, then each county. */
    public static Chart spread(String countryName, SpreadStats country, List<CountyRow> counties, int decimals, String lang) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        int boxes = 0;
        if (country != null) {
            data.add(item(country), "spread", countryName);
            boxes++;
        }
        for (CountyRow c : counties) {
            if (c.spread() != null) {
                data.add(item(c.spread()), "spread", c.name());
                boxes++;
            }
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(false);
        renderer.setFillBox(true);
        renderer.setSeriesPaint(0, new Color(0x9d, 0xc3, 0xe6));
        renderer.setSeriesOutlinePaint(0, SERIES[0]);
        renderer.setMaxOutlierVisible(false);
        renderer.setMinOutlierVisible(false);
        renderer.setMaximumBarWidth(0.6);
        CategoryPlot plot = new CategoryPlot(data, axis(), valueAxis(decimals, lang), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return new Chart(chart(plot, false), WIDTH, 40 + 18 * Math.max(1, boxes));
    }

    private static BoxAndWhiskerItem item(SpreadStats s) {
        return new BoxAndWhiskerItem(null, s.median(), s.q1(), s.q3(), s.min(), s.max(), s.min(), s.max(), List.of());
    }

    private static CategoryAxis axis() {
        CategoryAxis axis = new CategoryAxis();
        axis.setTickLabelFont(TICK);
        axis.setCategoryMargin(0.15);
        axis.setLowerMargin(0.02);
        axis.setUpperMargin(0.02);
        return axis;
    }

    private static NumberAxis valueAxis(int decimals, String lang) {
        NumberAxis axis = new NumberAxis();
        axis.setTickLabelFont(TICK);
        axis.setAutoRangeIncludesZero(true);
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(Messages.EN.equals(lang) ? '.' : ',');
        symbols.setGroupingSeparator(Messages.EN.equals(lang) ? ',' : ' ');
        symbols.setMinusSign('-');
        axis.setNumberFormatOverride(new DecimalFormat(decimals > 1 ? "#,##0.0#" : "#,##0.#", symbols));
        return axis;
    }

    private static JFreeChart chart(CategoryPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd0, 0xd0));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        LegendTitle title = chart.getLegend();
        if (title != null) {
            title.setItemFont(TICK);
            title.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** {@code id} must be unique in the page: many charts share one, and their clip-path ids must not collide. */
    public static String svg(String id, Chart chart) {
        int width = chart.width();
        int height = chart.height();
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        String prefix = id + "-";
        g2.setDefsKeyPrefix(prefix);
        g2.setGeomDoubleConverter(ChartRenderer::hundredths);
        chart.drawing().draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGElement(prefix, true, new ViewBox(0, 0, width, height), null, null);
    }

    /**
     * A coordinate to a hundredth of a pixel, trailing zeros dropped. JFreeSVG writes every coordinate in
     * full (63.42100143432617): in the national report that was a sixth of the page's 1.9 MB and
     * the largest single cost of drawing its charts. Written digit by digit: through BigDecimal, this one
     * method made a tenth of all the memory an HTML report allocated (docs/benchmarks.md).
     */
    static String hundredths(double value) {
        long cents = Math.round(value * 100);
        long fraction = Math.abs(cents % 100);
        StringBuilder text = new StringBuilder(12);
        if (cents < 0) {
            text.append('-');
        }
        text.append(Math.abs(cents / 100));
        if (fraction != 0) {
            text.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                text.append(fraction % 10);
            }
        }
        return text.toString();
    }
}
