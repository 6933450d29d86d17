package no.rusmonitor.report.render;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;

import org.w3c.dom.Element;

import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.FSObjectDrawerFactory;
import com.openhtmltopdf.extend.OutputDevice;

/**
 * The charts of one PDF. Each chart goes into the page as an {@code <object>} of its size, and openhtmltopdf
 * asks this factory to draw it: JFreeChart then draws straight into the PDF's vector graphics. Writing the
 * charts as SVG for an SVG library (Batik) to parse again and draw made a national PDF take three and a
 * half times as long and several times the memory (docs/benchmarks.md). One instance per PDF.
 */
final class PdfCharts implements ChartPlacement, FSObjectDrawerFactory {

    private static final String TYPE = "application/x-rusmonitor-chart";

    private final Map<String, Chart> charts = new HashMap<>();

    @Override
    public String place(String id, Chart chart) {
        charts.put(id, chart);
        return "<object type=\"" + TYPE + "\" data-chart=\"" + id + "\" style=\"display: block; width: " + chart.width() + "px; height: "
                + chart.height() + "px\"></object>";
    }

    @Override
    public boolean isReplacedObject(Element e) {
        return TYPE.equals(e.getAttribute("type")) && charts.containsKey(e.getAttribute("data-chart"));
    }

    @Override
    public FSObjectDrawer createDrawer(Element e) {
        if (!isReplacedObject(e)) {
            return null;
        }
        Chart chart = charts.get(e.getAttribute("data-chart"));
        return (element, x, y, width, height, device, context, dotsPerPixel) -> draw(chart, x, y, width / dotsPerPixel, height / dotsPerPixel,
                device);
    }

    private static Map<Shape, String> draw(Chart chart, double x, double y, double width, double height, OutputDevice device) {
        device.drawWithGraphics((float) x, (float) y, (float) width, (float) height,
                g2 -> chart.drawing().draw(g2, new Rectangle2D.Double(0, 0, width, height)));
        return null;
    }
}
