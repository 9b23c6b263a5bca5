package org.saola.opendata.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;
import org.saola.platform.publish.DataColumn;

/**
 * Excel workbooks and GeoJSON collections become the same typed tables a CSV file does: the parts of an .xlsx as
 * Excel writes them (shared texts with rich runs, inline texts, a date style, a formula's cached value, booleans,
 * gaps between cells, empty rows), GeoJSON's points, lines and areas, and what is refused.
 */
class UploadFormatTest {

    /** An .xlsx package with the parts Excel writes, the sheet's rows given as its XML. */
    static byte[] workbook(String sheetRows, boolean date1904) throws IOException {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>""");
        parts.put("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                  xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                  <workbookPr%s/><sheets><sheet name="Chợ" sheetId="1" r:id="rId3"/><sheet name="Khác" sheetId="2" r:id="rId1"/></sheets></workbook>"""
                .formatted(date1904 ? " date1904=\"1\"" : ""));
        parts.put("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
                  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>""");
        parts.put("xl/sharedStrings.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
                  <si><t>Tên chợ</t></si><si><t>Diện tích (m²)</t></si><si><t>Mở cửa</t></si>
                  <si><r><t>Chợ </t></r><r><rPr><b/></rPr><t>Hàn</t></r><rPh><t>ハン</t></rPh></si><si><t>Có "mái", che</t></si>
                </sst>""");
        parts.put("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                  <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>
                  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
                  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>
                </styleSheet>""");
        parts.put("xl/worksheets/sheet1.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>"""
                .formatted(sheetRows));
        parts.put("xl/worksheets/sheet2.xml", """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>""");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A workbook whose sheet declares an external entity and uses it. */
    private static byte[] xxeWorkbook(String uri) throws IOException {
        byte[] plain = workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>", false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(plain)); ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    text = text.replace("<worksheet", "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + uri + "\">]><worksheet");
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<List<Object>> rows(CsvTable t) {
        List<List<Object>> rows = new ArrayList<>();
        t.rows(rows::add);
        return rows;
    }

    private static CsvTable table(UploadFormat f, byte[] file) throws IOException {
        try (Reader r = f.asCsv(new ByteArrayInputStream(file))) {
            java.io.StringWriter text = new java.io.StringWriter();
            r.transferTo(text);
            return CsvTable.read(new java.io.StringReader(text.toString()));
        }
    }

    @Test
    void anExcelSheetBecomesATypedTable() throws IOException {
        byte[] book = workbook("""
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
                  <c r="D1" t="inlineStr"><is><t>Có mái</t></is></c><c r="E1" t="inlineStr"><is><t>Kiểm tra</t></is></c>
                  <c r="F1" t="inlineStr"><is><t>Ghi chú</t></is></c></row>
                <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="3"><v>1234.5</v></c><c r="C2" s="1"><v>45627</v></c>
                  <c r="D2" t="b"><v>1</v></c><c r="E2" s="2"><v>45627.5</v></c><c r="F2" t="s"><v>4</v></c></row>
                <row r="3"></row>
                <row r="5"><c r="A5" t="str"><f>CONCAT("Chợ ","Cồn")</f><v>Chợ Cồn</v></c><c r="B5"><f>B2*2</f><v>2469</v></c>
                  <c r="C5" s="1"><v>61</v></c><c r="D5" t="b"><v>0</v></c><c r="F5" t="e"><v>#DIV/0!</v></c></row>""", false);
        CsvTable t = table(UploadFormat.XLSX, book);
        assertThat(t.columns()).extracting(DataColumn::id).containsExactly("ten_cho", "dien_tich_m", "mo_cua", "co_mai", "kiem_tra", "ghi_chu");
        assertThat(t.columns()).extracting(DataColumn::type).containsExactly(DataColumn.Type.TEXT, DataColumn.Type.NUMERIC,
                DataColumn.Type.DATE, DataColumn.Type.BOOL, DataColumn.Type.TIMESTAMP, DataColumn.Type.TEXT);
        List<List<Object>> rows = rows(t);
        assertThat(rows).hasSize(2);                                  // the empty row is left out
        assertThat(rows.get(0)).containsExactly("Chợ Hàn", new BigDecimal("1234.5"), java.time.LocalDate.of(2024, 12, 1), true,
                java.time.Instant.parse("2024-12-01T12:00:00Z"), "Có \"mái\", che");
        assertThat(rows.get(1).subList(0, 4)).containsExactly("Chợ Cồn", new BigDecimal("2469"), java.time.LocalDate.of(1900, 3, 1), false);
        assertThat(rows.get(1).get(5)).as("an error cell is empty").isNull();
    }

    @Test
    void datesFollowTheWorkbooksDateSystem() {
        assertThat(XlsxTable.date(new BigDecimal("45627"), false)).isEqualTo("2024-12-01");
        assertThat(XlsxTable.date(new BigDecimal("44165"), true)).isEqualTo("2024-12-01");          // 1904 system
        assertThat(XlsxTable.date(new BigDecimal("1"), false)).isEqualTo("1900-01-01");
        assertThat(XlsxTable.date(new BigDecimal("0.75"), false)).isEqualTo("18:00:00");
        assertThat(XlsxTable.date(new BigDecimal("45627.999999"), false)).isEqualTo("2024-12-02");
        assertThat(XlsxTable.isDate(164, "dd/mm/yyyy")).isTrue();
        assertThat(XlsxTable.isDate(165, "#,##0.00\\ \"đ\"")).isFalse();
        assertThat(XlsxTable.isDate(166, "[Red]0.00;\"day\"")).isFalse();
        assertThat(XlsxTable.columnOf("AB12")).isEqualTo(27);
    }

    @Test
    void whatIsNotAWorkbookIsRefusedWithAReason() throws IOException {
        assertThatThrownBy(() -> table(UploadFormat.XLSX, "Tên,Giá\nA,1\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an Excel workbook");
        assertThatThrownBy(() -> table(UploadFormat.XLSX, workbook("", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("first sheet is empty");
        // No DTD, no external entity: a sheet that reaches for a file of the server is refused, not read.
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("secret", ".txt");
        java.nio.file.Files.writeString(secret, "TOP-SECRET");
        byte[] xxe = new String(workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>", false),
                StandardCharsets.ISO_8859_1).isEmpty() ? null : xxeWorkbook(secret.toUri().toString());
        assertThatThrownBy(() -> table(UploadFormat.XLSX, xxe)).isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void aWorkbookCannotMakeTheServerHoldOrWriteWithoutBound() throws IOException {
        // a cell beyond the 200 columns a table may have
        assertThatThrownBy(() -> table(UploadFormat.XLSX, workbook("<row r=\"1\"><c r=\"ZZ1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 200 columns");
        // one cell of more than a megabyte of text
        String big = "x".repeat(CsvTable.MAX_FIELD + 1);
        assertThatThrownBy(() -> table(UploadFormat.XLSX, workbook("<row r=\"1\"><c r=\"A1\"><v>" + big + "</v></c></row>", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than " + CsvTable.MAX_FIELD + " characters");
        // a number that is none
        assertThatThrownBy(() -> table(UploadFormat.XLSX, workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>zero</v></c></row>", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("number it cannot read");
        assertThat(XlsxTable.date(new BigDecimal("0.5"), true)).as("a time of day in the 1904 system too").isEqualTo("12:00:00");
    }

    @Test
    void aGeoJsonCollectionBecomesRowsWithAPlace() throws IOException {
        byte[] geo = """
                {"type":"FeatureCollection","name":"trường học","features":[
                  {"type":"Feature","properties":{"ten":"Trường A","hoc_sinh":420,"mo":true,"tags":["công lập"]},
                   "geometry":{"type":"Point","coordinates":[108.2208,16.0678]}},
                  {"type":"Feature","properties":{"ten":"Công viên B","latitude":"x"},
                   "geometry":{"type":"Polygon","coordinates":[[[108.0,16.0],[108.2,16.0],[108.2,16.2],[108.0,16.0]]]}},
                  {"type":"Feature","properties":null,"geometry":null}
                ]}""".getBytes(StandardCharsets.UTF_8);
        CsvTable t = table(UploadFormat.GEOJSON, geo);
        assertThat(t.columns()).extracting(DataColumn::id)
                .containsExactly("ten", "hoc_sinh", "mo", "tags", "property_latitude", "latitude", "longitude", "geometry");
        List<List<Object>> rows = rows(t);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).subList(0, 7)).containsExactly("Trường A", 420L, true, "[\"công lập\"]", null,
                new BigDecimal("16.0678"), new BigDecimal("108.2208"));
        assertThat(((BigDecimal) rows.get(1).get(5)).doubleValue()).isCloseTo(16.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((String) rows.get(1).get(7)).startsWith("{\"type\":\"Polygon\"");
        assertThat(rows.get(2).get(0)).isNull();

        assertThatThrownBy(() -> table(UploadFormat.GEOJSON, "{\"type\":\"Feature\",\"geometry\":null}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("FeatureCollection");
        assertThatThrownBy(() -> table(UploadFormat.GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no feature");
        assertThatThrownBy(() -> table(UploadFormat.GEOJSON, "{\"type\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> table(UploadFormat.GEOJSON, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[16.0,108.2]}}]}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("latitude -90..90");
    }

    @Test
    void theFormatComesFromTheMediaTypeOrTheFileName() {
        assertThat(UploadFormat.of("text/csv; charset=utf-8", null)).contains(UploadFormat.CSV);
        assertThat(UploadFormat.of("application/octet-stream", "Chợ.XLSX")).contains(UploadFormat.XLSX);
        assertThat(UploadFormat.of("application/json", "schools.json")).contains(UploadFormat.GEOJSON);
        assertThat(UploadFormat.of("application/pdf", "report.pdf")).isEmpty();
    }
}
