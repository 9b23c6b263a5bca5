package org.saola.opendata.domain;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an Excel workbook (Office Open XML, .xlsx) as CSV, read with a streaming XML parser so that a
 * sheet of a million rows needs little memory (only the workbook's shared texts are held). The first row that has a
 * value names the columns; empty rows are left out. Numbers are written as Excel keeps them; cells formatted as dates
 * become ISO dates ({@code 2026-12-01}), dates with a time ISO date-times, times of day {@code 14:30:00}; true/false
 * stay so; a formula gives the value Excel saved with it; an error cell is empty. No DTD or external entity is read,
 * and the unpacked size is bounded (a small file cannot unpack into gigabytes).
 */
final class XlsxTable {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    /** Most any one part may unpack to. */
    static final long MAX_PART = 4L << 30;
    /** Most characters of shared texts held in memory. */
    static final long MAX_SHARED_CHARS = 64L << 20;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private XlsxTable() {
    }

    /** The largest workbook read (its ZIP directory is read whole). */
    static final long MAX_FILE = 200L << 20;

    static void toCsv(Path file, Writer out) throws IOException {
        if (java.nio.file.Files.size(file) > MAX_FILE) {
            throw UploadFormat.bad("an Excel workbook is at most " + (MAX_FILE >> 20) + " MB; save a larger sheet as CSV");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Workbook book = workbook(zip);
            List<String> strings = sharedStrings(zip);
            Set<Integer> dateStyles = dateStyles(zip);
            sheet(zip, book.sheetPath(), strings, dateStyles, book.date1904(), out);
        } catch (ZipException e) {
            throw UploadFormat.bad("the file is not an Excel workbook (.xlsx): it is not a ZIP package (" + e.getMessage() + ")");
        } catch (XMLStreamException e) {
            throw UploadFormat.bad("the workbook's XML cannot be read: " + e.getMessage());
        } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
            throw UploadFormat.bad("the workbook has a number it cannot read: " + e.getMessage());
        }
    }

    private record Workbook(String sheetPath, boolean date1904) {
    }

    private static XMLStreamReader xml(ZipFile zip, String path, boolean required) throws IOException, XMLStreamException {
        ZipEntry e = zip.getEntry(path);
        if (e == null) {
            if (required) {
                throw UploadFormat.bad("the file is not an Excel workbook (.xlsx): it has no " + path);
            }
            return null;
        }
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(new Bounded(zip.getInputStream(e), path), "UTF-8");
    }

    /** The first sheet's part (through the workbook's relationships) and the date system. */
    private static Workbook workbook(ZipFile zip) throws IOException, XMLStreamException {
        XMLStreamReader r = xml(zip, "xl/workbook.xml", true);
        String firstId = null;
        boolean date1904 = false;
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("workbookPr")) {
                    String v = r.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(v) || "true".equals(v);
                } else if (r.getLocalName().equals("sheet") && firstId == null) {
                    firstId = r.getAttributeValue(RELATIONSHIPS, "id");
                }
            }
        }
        r.close();
        if (firstId == null) {
            throw UploadFormat.bad("the workbook has no sheet");
        }
        XMLStreamReader rels = xml(zip, "xl/_rels/workbook.xml.rels", true);
        String target = null;
        while (rels.hasNext()) {
            if (rels.next() == XMLStreamConstants.START_ELEMENT && rels.getLocalName().equals("Relationship")
                    && firstId.equals(rels.getAttributeValue(null, "Id"))) {
                target = rels.getAttributeValue(null, "Target");
            }
        }
        rels.close();
        if (target == null) {
            throw UploadFormat.bad("the workbook does not say where its first sheet is");
        }
        return new Workbook(target.startsWith("/") ? target.substring(1) : "xl/" + target, date1904);
    }

    /** The workbook's shared texts, in order (each one's runs joined, phonetic guides left out). */
    private static List<String> sharedStrings(ZipFile zip) throws IOException, XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader r = xml(zip, "xl/sharedStrings.xml", false);
        if (r == null) {
            return strings;
        }
        StringBuilder current = null;
        int phonetic = 0;
        long chars = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> current = new StringBuilder();
                    case "rPh" -> phonetic++;
                    case "t" -> {
                        if (current != null && phonetic == 0) {
                            String t = text(r);
                            chars += t.length() + 40;       // an entry costs memory of its own, empty or not
                            if (chars > MAX_SHARED_CHARS) {
                                throw UploadFormat.bad("the workbook's texts are too large to publish from Excel; save the sheet as CSV");
                            }
                            current.append(t);
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("si") && current != null) {
                    strings.add(current.toString());
                    current = null;
                } else if (r.getLocalName().equals("rPh")) {
                    phonetic--;
                }
            }
        }
        r.close();
        return strings;
    }

    /** The indexes of the cell formats (cellXfs) that show dates or times. */
    private static Set<Integer> dateStyles(ZipFile zip) throws IOException, XMLStreamException {
        Set<Integer> dates = new HashSet<>();
        XMLStreamReader r = xml(zip, "xl/styles.xml", false);
        if (r == null) {
            return dates;
        }
        Map<Integer, String> custom = new HashMap<>();
        boolean inCellXfs = false;
        int index = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "numFmt" -> custom.put(Integer.parseInt(r.getAttributeValue(null, "numFmtId")), r.getAttributeValue(null, "formatCode"));
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs) {
                            String id = r.getAttributeValue(null, "numFmtId");
                            if (id != null && isDate(Integer.parseInt(id), custom.get(Integer.parseInt(id)))) {
                                dates.add(index);
                            }
                            index++;
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        r.close();
        return dates;
    }

    /** Excel's built-in date and time formats, or a custom format that shows a day, month, year or hour. */
    static boolean isDate(int id, String code) {
        if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
            return true;
        }
        if (code == null) {
            return false;
        }
        String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "").toLowerCase(java.util.Locale.ROOT);
        int section = bare.indexOf(';');
        if (section >= 0) {
            bare = bare.substring(0, section);
        }
        return bare.matches(".*[dyh].*") || bare.matches(".*m.*s.*");
    }

    private static void sheet(ZipFile zip, String path, List<String> strings, Set<Integer> dateStyles, boolean date1904, Writer out)
            throws IOException, XMLStreamException {
        XMLStreamReader r = xml(zip, path, true);
        List<String> row = null;
        int column = 0;
        String type = null;
        int style = 0;
        String value = null;
        boolean header = true;
        int width = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        row = new ArrayList<>();
                        column = 0;
                    }
                    case "c" -> {
                        String ref = r.getAttributeValue(null, "r");
                        if (ref != null) {
                            column = columnOf(ref);
                        }
                        type = r.getAttributeValue(null, "t");
                        String s = r.getAttributeValue(null, "s");
                        style = s == null ? 0 : Integer.parseInt(s);
                        value = null;
                    }
                    case "v" -> value = text(r);
                    case "t" -> {
                        if ("inlineStr".equals(type)) {
                            String more = text(r);
                            if ((value == null ? 0 : value.length()) + more.length() > CsvTable.MAX_FIELD) {
                                throw UploadFormat.bad("a cell of the workbook holds more than " + CsvTable.MAX_FIELD + " characters");
                            }
                            value = (value == null ? "" : value) + more;
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("c") && row != null) {
                    String text = text(value, type, style, strings, dateStyles, date1904);
                    if (column >= CsvTable.MAX_COLUMNS) {
                        throw UploadFormat.bad("a table has at most " + CsvTable.MAX_COLUMNS + " columns; the sheet has a cell in column "
                                + (column + 1));
                    }
                    while (row.size() < column) {
                        row.add("");
                    }
                    row.add(text);
                    column++;
                } else if (r.getLocalName().equals("row") && row != null) {
                    while (!row.isEmpty() && row.getLast().isEmpty()) {
                        row.removeLast();
                    }
                    if (!row.isEmpty()) {
                        if (header) {
                            width = row.size();
                            header = false;
                        }
                        UploadFormat.record(out, row.size() < width ? pad(row, width) : row);
                    }
                    row = null;
                }
            }
        }
        r.close();
        if (header) {
            throw UploadFormat.bad("the workbook's first sheet is empty: its first row names the columns");
        }
    }

    private static List<String> pad(List<String> row, int width) {
        List<String> p = new ArrayList<>(row);
        while (p.size() < width) {
            p.add("");
        }
        return p;
    }

    /** A cell's value as text: shared or inline text, true/false, a number, or a date from the day count. */
    private static String text(String v, String type, int style, List<String> strings, Set<Integer> dateStyles, boolean date1904) {
        if (v == null) {
            return "";
        }
        switch (type == null ? "n" : type) {
            case "s" -> {
                int i = Integer.parseInt(v.strip());
                if (i < 0 || i >= strings.size()) {
                    throw UploadFormat.bad("the workbook names a shared text it does not have (" + i + ")");
                }
                return strings.get(i);
            }
            case "b" -> {
                return "1".equals(v.strip()) ? "true" : "false";
            }
            case "e" -> {
                return "";
            }
            case "n" -> {
                if (!v.isBlank() && dateStyles.contains(style)) {
                    return date(new BigDecimal(v.strip()), date1904);
                }
                return v.strip();
            }
            default -> {
                return v;                              // str (a formula's text), inlineStr, d (ISO already)
            }
        }
    }

    /** An Excel day count as an ISO date, date-time, or time of day (under one day). */
    static String date(BigDecimal serial, boolean date1904) {
        long days = serial.longValue();
        long seconds = Math.round(serial.subtract(BigDecimal.valueOf(days)).doubleValue() * 86_400);
        if (seconds == 86_400) {
            days++;
            seconds = 0;
        }
        if (days == 0 && seconds > 0) {
            return LocalTime.ofSecondOfDay(seconds).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        }
        // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was, so from 1 March 1900
        // the epoch is 1899-12-30.
        LocalDate epoch = date1904 ? LocalDate.of(1904, 1, 1) : days < 61 ? LocalDate.of(1899, 12, 31) : LocalDate.of(1899, 12, 30);
        LocalDate day = epoch.plusDays(days);
        return seconds == 0 ? day.toString() : LocalDateTime.of(day, LocalTime.ofSecondOfDay(seconds)).format(DATE_TIME);
    }

    /** An element's text, read event by event and refused beyond {@link CsvTable#MAX_FIELD} characters. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (b.length() + r.getTextLength() > CsvTable.MAX_FIELD) {
                        throw UploadFormat.bad("a cell of the workbook holds more than " + CsvTable.MAX_FIELD + " characters");
                    }
                    b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.END_DOCUMENT -> throw UploadFormat.bad("the workbook's XML ends inside a cell");
                default -> {
                }
            }
        }
        return b.toString();
    }

    /** The zero-based column of a cell reference such as {@code AB12}. */
    static int columnOf(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        if (c == 0 || c > 16_384) {
            throw UploadFormat.bad("the workbook has a cell at '" + ref + "', beyond Excel's columns");
        }
        return c - 1;
    }

    /** A part's stream that refuses to unpack beyond {@link #MAX_PART}. */
    private static final class Bounded extends FilterInputStream {
        private final String part;
        private long read;

        Bounded(InputStream in, String part) {
            super(in);
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_PART) {
                throw UploadFormat.bad("the workbook's " + part + " unpacks to more than " + (MAX_PART >> 30) + " GB");
            }
        }
    }
}
