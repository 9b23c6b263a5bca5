package org.saola.context.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeometriesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode geo(String s) {
        return JSON.readTree(s);
    }

    @Test
    void distancesBetweenPointsAreGreatCircleMetres() {
        // Đà Nẵng's Dragon Bridge to Hội An's Japanese Bridge: about 23 km as the crow flies.
        assertThat(Geometries.haversine(16.0614, 108.2272, 15.8773, 108.3262)).isCloseTo(22_980, offset(300.0));
        Point bridge = (Point) Geometries.toJts(geo("{\"type\": \"Point\", \"coordinates\": [108.2272, 16.0614]}"));
        assertThat(Geometries.distanceMetres(bridge, Geometries.toJts(geo("{\"type\": \"Point\", \"coordinates\": [108.2272, 16.0714]}"))))
                .isCloseTo(1112, offset(5.0));
    }

    @Test
    void distanceToALineIsToItsNearestPointAndZeroInsideAPolygon() {
        Point p = (Point) Geometries.toJts(geo("{\"type\": \"Point\", \"coordinates\": [108.0, 16.0]}"));
        // A north-south line 0.01° of longitude east: about 1069 m at 16° N.
        var line = Geometries.toJts(geo("{\"type\": \"LineString\", \"coordinates\": [[108.01, 15.9], [108.01, 16.1]]}"));
        assertThat(Geometries.distanceMetres(p, line)).isCloseTo(1069, offset(5.0));
        var square = Geometries.toJts(geo("{\"type\": \"Polygon\", \"coordinates\": [[[107.9,15.9],[108.1,15.9],[108.1,16.1],[107.9,16.1],[107.9,15.9]]]}"));
        assertThat(Geometries.distanceMetres(p, square)).isZero();
    }

    @Test
    void boundingBoxesCoverEveryPosition() {
        double[] box = Geometries.bbox(geo("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[108.1,16.0],[108.3,16.0],[108.3,16.2],[108.1,16.0]]],[[[107.9,15.8],[108.0,15.8],[108.0,15.9],[107.9,15.8]]]]}"));
        assertThat(box).containsExactly(107.9, 15.8, 108.3, 16.2);
        assertThat(Geometries.boxLiteral(box)).isEqualTo("(108.3,16.2),(107.9,15.8)");
        Point p = (Point) Geometries.toJts(geo("{\"type\": \"Point\", \"coordinates\": [108.0, 16.0]}"));
        double[] around = Geometries.around(p, 1000);
        assertThat(around[3] - 16.0).isCloseTo(0.009, offset(0.0005));
        assertThat(around[2] - 108.0).isCloseTo(0.00935, offset(0.0005));
    }
}
