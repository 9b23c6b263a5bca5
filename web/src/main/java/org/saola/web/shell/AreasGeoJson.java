package org.saola.web.shell;

import java.util.List;
import org.saola.platform.places.CityAreas;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The city's areas as a GeoJSON FeatureCollection (each feature's id, geometry and name), for every map that shows them. */
public final class AreasGeoJson {

    private AreasGeoJson() {
    }

    public static ObjectNode of(List<CityAreas.Area> areas, JsonMapper json) {
        ObjectNode collection = json.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (CityAreas.Area a : areas) {
            ObjectNode feature = features.addObject().put("type", "Feature").put("id", a.id());
            feature.set("geometry", json.readTree(a.geometry()));
            feature.putObject("properties").put("name", a.name());
        }
        return collection;
    }
}
