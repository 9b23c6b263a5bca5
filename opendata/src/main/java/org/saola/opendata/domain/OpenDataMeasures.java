package org.saola.opendata.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import org.springframework.stereotype.Component;

/**
 * The open-data catalogue measured for the city's indicators (U4SSC "Open data"): the datasets published, and the
 * inventory they are drawn from: every dataset the modules can publish and every dataset uploaded.
 */
@Component
class OpenDataMeasures implements MeasureSource {

    private final Catalogue catalogue;

    OpenDataMeasures(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public List<Measure> measures() {
        return List.of(
                new Measure("opendata.datasets_published", "Bộ dữ liệu đã công bố", "Datasets published", "datasets", Measure.Kind.STOCK, false,
                        List.of()),
                new Measure("opendata.datasets_offered", "Bộ dữ liệu có thể công bố (danh mục)", "Datasets in the inventory", "datasets",
                        Measure.Kind.STOCK, false, List.of()));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        List<Dataset> published = catalogue.datasets(tenant);
        return switch (key) {
            case "opendata.datasets_published" -> Measured.of(published.size());
            case "opendata.datasets_offered" -> {
                Set<String> offered = new HashSet<>();
                catalogue.offers(tenant).forEach(o -> offered.add(o.offer().key()));
                long uploads = catalogue.everything(tenant).stream().filter(d -> !offered.contains(d.sourceKey())).count();
                yield Measured.of(offered.size() + uploads);
            }
            default -> throw new NotFoundException("no measure '" + key + "'");
        };
    }
}
