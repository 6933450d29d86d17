package no.rusmonitor.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reading reports the way a person or a spreadsheet would: the text of a PDF, the cells of HTML and CSV. */
public final class Documents {

    private static final Pattern FIGURE = Pattern.compile("data-f=\"([^\"]+)\">([^<]*)<");

    private Documents() {
    }

    public static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int pdfPages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many drawings (form XObjects, as charts are drawn into a PDF) the PDF's pages show. */
    public static int pdfDrawings(byte[] pdf) {
        int drawings = 0;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getXObjectNames()) {
                    if (resources.getXObject(name) instanceof PDFormXObject) {
                        drawings++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drawings;
    }

    /** The HTML cells marked with the figure they show: key → text as printed. */
    public static Map<String, String> htmlFigures(String html) {
        Map<String, String> figures = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            figures.put(m.group(1), m.group(2));
        }
        return figures;
    }

    /** The CSV rows: key (indicator|level|area|year|measure) → the row. */
    public static Map<String, CSVRecord> csvFigures(String csv) {
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        try {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
                rows.put(r.get("indicator_id") + "|" + r.get("area_level") + "|" + r.get("area_code") + "|" + r.get("year") + "|"
                        + r.get("measure"), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A number as the English report prints it (one decimal). */
    public static String en(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /** A number as the bokmål report prints it (one decimal, decimal comma). */
    public static String nb(double value) {
        return en(value).replace('.', ',');
    }
}
