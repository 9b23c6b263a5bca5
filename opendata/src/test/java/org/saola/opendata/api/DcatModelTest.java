package org.saola.opendata.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.saola.opendata.OpenDataConfiguration;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.Licence;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.security.Department;

/**
 * The catalogue's DCAT-AP 3.0 against the project's own shapes (written from the specification's property tables):
 * no violation, and the shapes do catch what breaks the profile (they are not toothless).
 */
class DcatModelTest {

    static Shapes shapes() {
        Graph g = RDFDataMgr.loadGraph("dcat/saola-dcat-ap-3.0-shapes.ttl");
        return Shapes.parse(g);
    }

    private static final OpenDataConfiguration.Publisher CITY = new OpenDataConfiguration.Publisher("Thành phố Đà Nẵng", "Da Nang City",
            "opendata@danang.gov.vn", "http://sws.geonames.org/1583992/");

    private static Dataset dataset(String name, Optional<String> department, boolean located) {
        List<DataColumn> columns = located
                ? List.of(DataColumn.of("entity_id", DataColumn.Type.TEXT, "Mã", "Id"),
                        DataColumn.of("latitude", DataColumn.Type.NUMERIC, "Vĩ độ", "Latitude"),
                        DataColumn.of("longitude", DataColumn.Type.NUMERIC, "Kinh độ", "Longitude"))
                : List.of(DataColumn.of("month", DataColumn.Type.DATE, "Tháng", "Month"));
        Instant t = Instant.parse("2026-11-30T08:00:00.123456Z");
        return new Dataset(UUID.randomUUID(), name, "x." + name, "Tiêu đề " + name, "Title " + name, "Mô tả", "Description", department,
                "ENVI", List.of("không khí", "air"), Licence.CC_BY_4_0, "CONT", columns, false, 10, t, t, Optional.of(t), Dataset.Access.OPEN);
    }

    private static Model catalogue() {
        Department env = new Department("moi-truong", "Sở Tài nguyên và Môi trường", "Department of Natural Resources and Environment",
                Optional.of("stnmt@danang.gov.vn"), Optional.of("+84 236 3822 384"), List.of(), List.of());
        DcatModel m = new DcatModel("https://data.danang.example", CITY);
        m.catalogue(List.of(dataset("air", Optional.of("moi-truong"), true), dataset("reports", Optional.empty(), false)),
                Map.of("moi-truong", env), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-11-30T08:00:00Z"));
        m.paging("https://data.danang.example/catalog.ttl?page=1", 2, 100, 1, n -> "https://data.danang.example/catalog.ttl?page=" + n);
        return m.model();
    }

    @Test
    void theCatalogueHasNoViolationAndWarnsOnlyOfWhatItCannotKnow() {
        ValidationReport report = ShaclValidator.get().validate(shapes(), catalogue().getGraph());
        assertThat(report.getEntries().stream().filter(e -> e.severity() == Severity.Violation).map(Object::toString).toList()).isEmpty();
        // Recommended and missing: the time a dataset covers, and the bounding box and centroid of the city's
        // GeoNames place (its coordinates are GeoNames'). Nothing else.
        assertThat(report.getEntries().stream().map(e -> e.resultPath().toString()).distinct().toList())
                .allSatisfy(path -> assertThat(path).containsAnyOf("temporal", "bbox", "centroid"));
    }

    @Test
    void theShapesCatchAMissingTitleAPublisherWithoutANameAndAThemeOutsideTheVocabulary() {
        Model m = catalogue();
        Resource air = m.getResource("https://data.danang.example/dataset/air");
        m.removeAll(air, DCTerms.title, null);
        air.addProperty(DCAT.theme, m.createResource("https://example.org/my-theme")
                .addProperty(org.apache.jena.vocabulary.RDF.type, org.apache.jena.vocabulary.SKOS.Concept)
                .addProperty(org.apache.jena.vocabulary.SKOS.prefLabel, "mine"));
        m.removeAll(m.getResource("https://data.danang.example/organization/moi-truong"), m.createProperty(DcatModel.FOAF, "name"), null);
        m.getResource("https://data.danang.example/catalog").addLiteral(DCTerms.modified, "yesterday");
        ValidationReport report = ShaclValidator.get().validate(shapes(), m.getGraph());
        List<String> violations = report.getEntries().stream().filter(e -> e.severity() == Severity.Violation)
                .map(e -> e.resultPath().toString()).toList();
        assertThat(violations).anyMatch(p -> p.contains("title")).anyMatch(p -> p.contains("theme"))
                .anyMatch(p -> p.contains("name")).anyMatch(p -> p.contains("modified"));
    }
}
