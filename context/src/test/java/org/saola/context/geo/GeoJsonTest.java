package org.saola.context.geo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

class GeoJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"Point\", \"coordinates\": [108.22, 16.06]}",
        "{\"type\": \"Point\", \"coordinates\": [108.22, 16.06, 12]}",
        "{\"type\": \"LineString\", \"coordinates\": [[108.2, 16.0], [108.3, 16.1]]}",
        "{\"type\": \"Polygon\", \"coordinates\": [[[108.2, 16.0], [108.3, 16.0], [108.3, 16.1], [108.2, 16.0]]]}",
        "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[108.2, 16.0], [108.3, 16.0], [108.3, 16.1], [108.2, 16.0]]]]}"
    })
    void validGeometriesPass(String geometry) {
        assertThatCode(() -> GeoJson.requireValid("location", JSON.readTree(geometry))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"Point\", \"coordinates\": [16.06, 108.22, 1, 2]}|a position is",
        "{\"type\": \"Point\", \"coordinates\": [200, 16]}|outside WGS 84",
        "{\"type\": \"Point\", \"coordinates\": [\"108\", \"16\"]}|holds numbers",
        "{\"type\": \"LineString\", \"coordinates\": [[108.2, 16.0]]}|two positions or more",
        "{\"type\": \"Polygon\", \"coordinates\": [[[108.2, 16.0], [108.3, 16.0], [108.3, 16.1], [108.2, 16.1]]]}|closed",
        "{\"type\": \"Circle\", \"coordinates\": [108.2, 16.0]}|is not one of",
        "{\"type\": \"Point\"}|needs a 'coordinates' array"
    })
    void invalidGeometriesAreRefusedWithWhy(String geometry, String why) {
        assertThatThrownBy(() -> GeoJson.requireValid("location", JSON.readTree(geometry)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("location: ").hasMessageContaining(why);
    }
}
