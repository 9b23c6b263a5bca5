package org.saola.opendata.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The EU data themes DCAT-AP classifies datasets by (the Publications Office's "data-theme" vocabulary), with
 * names in Vietnamese and English; in the CKAN API each is a group named by its code in lower case.
 */
public enum Theme {
    AGRI("Nông nghiệp, thủy sản, lâm nghiệp và thực phẩm", "Agriculture, fisheries, forestry and food"),
    ECON("Kinh tế và tài chính", "Economy and finance"),
    EDUC("Giáo dục, văn hóa và thể thao", "Education, culture and sport"),
    ENER("Năng lượng", "Energy"),
    ENVI("Môi trường", "Environment"),
    GOVE("Chính quyền và khu vực công", "Government and public sector"),
    HEAL("Y tế", "Health"),
    INTR("Các vấn đề quốc tế", "International issues"),
    JUST("Tư pháp, pháp luật và an toàn công cộng", "Justice, legal system and public safety"),
    REGI("Vùng và đô thị", "Regions and cities"),
    SOCI("Dân số và xã hội", "Population and society"),
    TECH("Khoa học và công nghệ", "Science and technology"),
    TRAN("Giao thông vận tải", "Transport");

    private final String nameVi;
    private final String nameEn;

    Theme(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Its CKAN group name: the code in lower case. */
    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its IRI in the EU vocabulary. */
    public String iri() {
        return "http://publications.europa.eu/resource/authority/data-theme/" + name();
    }

    public static Optional<Theme> of(String codeOrGroup) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(codeOrGroup)).findFirst();
    }
}
