package org.saola.opendata.domain;

import java.util.Arrays;
import org.saola.platform.InvalidInputException;

/** The open licences a dataset may carry (CKAN's licence ids, with the URL DCAT-AP points at). */
public enum Licence {
    CC_BY_4_0("cc-by-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    CC0_1_0("cc-zero", "Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ODC_BY("odc-by", "Open Data Commons Attribution License", "https://opendatacommons.org/licenses/by/1-0/"),
    ODC_ODBL("odc-odbl", "Open Data Commons Open Database License (ODbL)", "https://opendatacommons.org/licenses/odbl/1-0/");

    private final String id;
    private final String title;
    private final String url;

    Licence(String id, String title, String url) {
        this.id = id;
        this.title = title;
        this.url = url;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String url() {
        return url;
    }

    public static Licence of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst()
                .orElseThrow(() -> new InvalidInputException("licenseId", "licenseId is one of "
                        + Arrays.stream(values()).map(Licence::id).toList() + "; got '" + id + "'"));
    }
}
