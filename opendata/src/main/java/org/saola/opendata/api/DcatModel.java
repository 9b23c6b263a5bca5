package org.saola.opendata.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;
import org.saola.opendata.OpenDataConfiguration;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.Licence;
import org.saola.opendata.domain.Theme;
import org.saola.platform.security.Department;

/**
 * The catalogue as DCAT-AP 3.0 RDF: the catalogue (title, description, publisher, languages, homepage, licence
 * of its metadata, theme taxonomy, dates), each dataset with its mandatory and recommended properties (titles
 * and descriptions in both languages, keywords, theme, publisher, contact point, distributions) and more (dates,
 * frequency, identifier, language, landing page, access rights), each distribution (access and download URL,
 * format, media type, licence, availability, description), the CKAN API as a data service, and every agent and
 * concept typed and named, so that a validator can follow each range. Controlled values come from the EU
 * vocabularies DCAT-AP requires (data theme, frequency, file type, language, access right, licence).
 */
final class DcatModel {

    static final String EU = "http://publications.europa.eu/resource/authority/";
    static final String FOAF = "http://xmlns.com/foaf/0.1/";
    static final String DCATAP = "http://data.europa.eu/r5r/";
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";

    private static final Map<Licence, String> EU_LICENCE = Map.of(Licence.CC_BY_4_0, "CC_BY_4_0", Licence.CC0_1_0, "CC0",
            Licence.ODC_BY, "ODC_BY", Licence.ODC_ODBL, "ODC_BL");
    private static final Map<String, String[]> FORMATS = Map.of(
            "CSV", new String[] {"CSV", "https://www.iana.org/assignments/media-types/text/csv"},
            "JSON", new String[] {"JSON", "https://www.iana.org/assignments/media-types/application/json"},
            "GeoJSON", new String[] {"GEOJSON", "https://www.iana.org/assignments/media-types/application/geo+json"},
            "PDF", new String[] {"PDF", "https://www.iana.org/assignments/media-types/application/pdf"},
            "NGSI-LD", new String[] {"JSON_LD", "https://www.iana.org/assignments/media-types/application/ld+json"});

    private static final java.time.format.DateTimeFormatter SECONDS = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private final Model m = ModelFactory.createDefaultModel();
    private final String base;
    private final OpenDataConfiguration.Publisher city;
    private final Property foafName;
    private final Property foafHomepage;
    private final Resource foafAgent;
    private final Resource foafOrganization;
    private final Resource foafDocument;

    DcatModel(String base, OpenDataConfiguration.Publisher city) {
        this.base = base;
        this.city = city;
        m.setNsPrefix("dcat", DCAT.NS);
        m.setNsPrefix("dct", DCTerms.NS);
        m.setNsPrefix("foaf", FOAF);
        m.setNsPrefix("vcard", VCARD4.NS);
        m.setNsPrefix("skos", SKOS.uri);
        m.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        m.setNsPrefix("dcatap", DCATAP);
        m.setNsPrefix("hydra", HYDRA);
        foafName = m.createProperty(FOAF, "name");
        foafHomepage = m.createProperty(FOAF, "homepage");
        foafAgent = m.createResource(FOAF + "Agent");
        foafOrganization = m.createResource(FOAF + "Organization");
        foafDocument = m.createResource(FOAF + "Document");
    }

    Model model() {
        return m;
    }

    private Literal time(Instant at) {
        // Always with seconds: xsd:dateTime has no form without them (LocalDateTime.toString() drops zero seconds).
        return m.createTypedLiteral(SECONDS.format(at.atOffset(ZoneOffset.UTC)), XSDDatatype.XSDdateTime);
    }

    private Resource concept(String iri, String labelVi, String labelEn, String scheme) {
        Resource c = m.createResource(iri).addProperty(RDF.type, SKOS.Concept)
                .addProperty(SKOS.prefLabel, labelEn, "en").addProperty(SKOS.inScheme, m.createResource(scheme));
        if (labelVi != null) {
            c.addProperty(SKOS.prefLabel, labelVi, "vi");
        }
        return c;
    }

    private Resource language(String code, String label) {
        return m.createResource(EU + "language/" + code).addProperty(RDF.type, DCTerms.LinguisticSystem)
                .addProperty(SKOS.prefLabel, label, "en");
    }

    /** The city as an agent: the catalogue's publisher, and the publisher of datasets no department answers for. */
    private Resource city() {
        Resource a = m.createResource(base + "/organization/city").addProperty(RDF.type, foafAgent).addProperty(RDF.type, foafOrganization)
                .addProperty(foafName, city.nameVi(), "vi").addProperty(foafName, city.nameEn(), "en");
        city.email().ifPresent(e -> a.addProperty(m.createProperty(FOAF, "mbox"), m.createResource("mailto:" + e)));
        return a;
    }

    private Resource agent(Optional<Department> department) {
        if (department.isEmpty()) {
            return city();
        }
        Department d = department.get();
        return m.createResource(base + "/organization/" + d.code()).addProperty(RDF.type, foafAgent).addProperty(RDF.type, foafOrganization)
                .addProperty(foafName, d.nameVi(), "vi").addProperty(foafName, d.nameEn(), "en");
    }

    private Resource contact(Optional<Department> department) {
        Resource k = m.createResource().addProperty(RDF.type, VCARD4.Kind).addProperty(RDF.type, VCARD4.Organization);
        if (department.isPresent()) {
            k.addProperty(VCARD4.fn, department.get().nameVi(), "vi");
            department.get().contactEmail().ifPresent(e -> k.addProperty(VCARD4.hasEmail, m.createResource("mailto:" + e)));
            department.get().contactPhone().ifPresent(p -> k.addProperty(VCARD4.hasTelephone, m.createResource("tel:" + p.replaceAll("[^+0-9]", ""))));
        } else {
            k.addProperty(VCARD4.fn, city.nameVi(), "vi");
            city.email().ifPresent(e -> k.addProperty(VCARD4.hasEmail, m.createResource("mailto:" + e)));
        }
        return k;
    }

    private Resource licence(Licence l) {
        return m.createResource(EU + "licence/" + EU_LICENCE.get(l)).addProperty(RDF.type, DCTerms.LicenseDocument)
                .addProperty(DCTerms.title, l.title(), "en")
                .addProperty(DCTerms.type, concept("http://purl.org/adms/licencetype/1.0/Attribution", null, "Attribution",
                        "http://purl.org/adms/licencetype/1.0"))
                .addProperty(m.createProperty("http://www.w3.org/2000/01/rdf-schema#", "seeAlso"), m.createResource(l.url()));
    }

    /** The catalogue with the datasets of this page (all their triples), linked to each. */
    Resource catalogue(List<Dataset> page, Map<String, Department> departments, Instant issued, Instant modified) {
        Resource c = m.createResource(base + "/catalog").addProperty(RDF.type, DCAT.Catalog)
                .addProperty(DCTerms.title, "Dữ liệu mở của " + city.nameVi(), "vi")
                .addProperty(DCTerms.title, city.nameEn() + " open data", "en")
                .addProperty(DCTerms.description, "Dữ liệu thành phố công bố để mọi người sử dụng, luôn được cập nhật từ các hệ thống của thành phố (Saola).", "vi")
                .addProperty(DCTerms.description, "Data the city publishes for anyone to use, kept current from its own systems (Saola).", "en")
                .addProperty(DCTerms.publisher, city())
                .addProperty(DCTerms.language, language("VIE", "Vietnamese"))
                .addProperty(DCTerms.language, language("ENG", "English"))
                .addProperty(foafHomepage, m.createResource(base + "/city/data").addProperty(RDF.type, foafDocument))
                .addProperty(DCTerms.license, licence(Licence.CC0_1_0))
                .addProperty(DCAT.themeTaxonomy, m.createResource(EU + "data-theme").addProperty(RDF.type, SKOS.ConceptScheme)
                        .addProperty(DCTerms.title, "Data theme", "en"))
                .addProperty(DCTerms.issued, time(issued)).addProperty(DCTerms.modified, time(modified));
        city.spatial().ifPresent(s -> c.addProperty(DCTerms.spatial, m.createResource(s).addProperty(RDF.type, DCTerms.Location)));
        Resource service = service();
        c.addProperty(DCAT.service, service);
        for (Dataset d : page) {
            Resource r = dataset(d, Optional.ofNullable(d.department().map(departments::get).orElse(null)));
            c.addProperty(DCAT.dataset, r);
            service.addProperty(DCAT.servesDataset, r);
        }
        return c;
    }

    /** CKAN's action API, through which every dataset can be read and queried. */
    private Resource service() {
        return m.createResource(base + "/api/3/action/").addProperty(RDF.type, DCAT.DataService)
                .addProperty(DCTerms.title, "API CKAN của danh mục dữ liệu mở", "vi")
                .addProperty(DCTerms.title, "CKAN action API of the open-data catalogue", "en")
                .addProperty(DCAT.endpointURL, m.createResource(base + "/api/3/action/"))
                .addProperty(DCAT.endpointDescription, m.createResource("https://docs.ckan.org/en/2.11/api/"))
                .addProperty(DCTerms.conformsTo, m.createResource("https://docs.ckan.org/en/2.11/api/").addProperty(RDF.type, DCTerms.Standard))
                .addProperty(DCTerms.publisher, city())
                .addProperty(DCAT.contactPoint, contact(Optional.empty()))
                .addProperty(DCAT.keyword, "CKAN", "en").addProperty(DCAT.keyword, "API", "en")
                .addProperty(DCAT.theme, theme(Theme.GOVE))
                .addProperty(DCTerms.license, licence(Licence.CC0_1_0));
    }

    private Resource theme(Theme t) {
        return concept(t.iri(), t.nameVi(), t.nameEn(), EU + "data-theme");
    }

    Resource dataset(Dataset d, Optional<Department> department) {
        String iri = base + "/dataset/" + d.name();
        Resource r = m.createResource(iri).addProperty(RDF.type, DCAT.Dataset)
                .addProperty(DCTerms.title, d.titleVi(), "vi").addProperty(DCTerms.title, d.titleEn(), "en")
                .addProperty(DCTerms.description, d.notesVi(), "vi").addProperty(DCTerms.description, d.notesEn(), "en")
                .addProperty(DCTerms.identifier, d.id().toString())
                .addProperty(DCTerms.publisher, agent(department))
                .addProperty(DCAT.contactPoint, contact(department))
                .addProperty(DCAT.theme, theme(Theme.of(d.theme()).orElse(Theme.GOVE)))
                .addProperty(DCTerms.issued, time(d.created())).addProperty(DCTerms.modified, time(d.modified()))
                .addProperty(DCTerms.accrualPeriodicity, m.createResource(EU + "frequency/" + d.frequency()).addProperty(RDF.type, DCTerms.Frequency))
                .addProperty(DCTerms.language, language("VIE", "Vietnamese"))
                .addProperty(DCTerms.accessRights, m.createResource(EU + "access-right/PUBLIC").addProperty(RDF.type, DCTerms.RightsStatement))
                .addProperty(DCAT.landingPage, m.createResource(base + "/city/data/" + d.name()).addProperty(RDF.type, foafDocument));
        for (String k : d.keywords()) {
            r.addProperty(DCAT.keyword, k, k.chars().anyMatch(ch -> ch > 127) ? "vi" : "en");
        }
        city.spatial().ifPresent(s -> r.addProperty(DCTerms.spatial, m.createResource(s).addProperty(RDF.type, DCTerms.Location)));
        for (Dataset.Resource res : d.resources()) {
            String[] f = FORMATS.get(res.format());
            String url = CkanDicts.downloadUrl(res, base);
            Resource dist = m.createResource(iri + "/resource/" + res.id()).addProperty(RDF.type, DCAT.Distribution)
                    .addProperty(DCAT.accessURL, m.createResource(url)).addProperty(DCAT.downloadURL, m.createResource(url))
                    .addProperty(DCTerms.title, d.titleVi() + " (" + res.format() + ")", "vi")
                    .addProperty(DCTerms.description, d.document() ? "Tài liệu (PDF)." : res.format().equals("NGSI-LD")
                            ? "Các thực thể, dạng NGSI-LD." : "Toàn bộ các dòng, định dạng " + res.format() + ".", "vi")
                    .addProperty(DCTerms.description, d.document() ? "The document (PDF)." : res.format().equals("NGSI-LD")
                            ? "The entities, as NGSI-LD." : "Every row, as " + res.format() + ".", "en")
                    .addProperty(DCTerms.format, m.createResource(EU + "file-type/" + f[0]).addProperty(RDF.type, DCTerms.MediaTypeOrExtent))
                    .addProperty(DCAT.mediaType, m.createResource(f[1]).addProperty(RDF.type, DCTerms.MediaType))
                    .addProperty(DCTerms.license, licence(d.licence()))
                    .addProperty(m.createProperty(DCATAP, "availability"), concept(EU + "planned-availability/STABLE", null, "stable",
                            EU + "planned-availability"))
                    .addProperty(DCTerms.modified, time(d.modified()));
            if (res.datastoreActive()) {
                dist.addProperty(DCAT.accessService, m.createResource(base + "/api/3/action/"));
            }
            r.addProperty(DCAT.distribution, dist);
        }
        return r;
    }

    /** Hydra paging, as ckanext-dcat writes it (both its older and newer terms), so that harvesters page on. */
    void paging(String pageUrl, long total, int perPage, int page, java.util.function.IntFunction<String> urlOf) {
        Resource p = m.createResource(pageUrl).addProperty(RDF.type, m.createResource(HYDRA + "PagedCollection"))
                .addLiteral(m.createProperty(HYDRA, "totalItems"), total)
                .addLiteral(m.createProperty(HYDRA, "itemsPerPage"), (long) perPage);
        int last = (int) Math.max(1, (total + perPage - 1) / perPage);
        p.addProperty(m.createProperty(HYDRA, "firstPage"), urlOf.apply(1)).addProperty(m.createProperty(HYDRA, "first"), urlOf.apply(1));
        p.addProperty(m.createProperty(HYDRA, "lastPage"), urlOf.apply(last)).addProperty(m.createProperty(HYDRA, "last"), urlOf.apply(last));
        if (page > 1) {
            p.addProperty(m.createProperty(HYDRA, "previousPage"), urlOf.apply(page - 1)).addProperty(m.createProperty(HYDRA, "previous"), urlOf.apply(page - 1));
        }
        if ((long) page * perPage < total) {
            p.addProperty(m.createProperty(HYDRA, "nextPage"), urlOf.apply(page + 1)).addProperty(m.createProperty(HYDRA, "next"), urlOf.apply(page + 1));
        }
    }
}
