package org.saola.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests get the larger body limit of those carrying photos and documents. */
class RouteFamilyTest {

    private static boolean photos(String method, String path) {
        return RouteFamily.carriesPhotos(new MockHttpServletRequest(method, path));
    }

    @Test
    void reportsProposalsFollowUpsAndDocumentsCarryPhotos() {
        assertThat(photos("POST", "/open311/v2/requests.json")).isTrue();
        assertThat(photos("POST", "/city/reports/new")).isTrue();
        assertThat(photos("POST", "/operations/reports/42/photos")).isTrue();
        assertThat(photos("POST", "/api/v1/reports/42/photos")).isTrue();
        assertThat(photos("POST", "/city/participation/pb-2027/proposals/new")).isTrue();
        assertThat(photos("POST", "/operations/participation/pb-2027/follow-up/progress/3")).isTrue();
        assertThat(photos("POST", "/api/v1/participation/processes/pb-2027/documents")).isTrue();
        assertThat(photos("POST", "/operations/participation/processes/pb-2027/documents")).isTrue();
    }

    @Test
    void otherRoutesAndMethodsDoNot() {
        assertThat(photos("GET", "/operations/reports/42/photos")).isFalse();
        assertThat(photos("POST", "/api/v1/telemetry")).isFalse();
        assertThat(photos("POST", "/api/v1/reports/42/photos/extra")).as("the whole path, not a prefix").isFalse();
        assertThat(photos("POST", "/api/v1/reports/x42/photos")).isFalse();
        assertThat(photos("POST", "/prefix/city/participation/pb/proposals/new")).isFalse();
        assertThat(photos("POST", "/city/participation/PB/proposals/new")).as("codes are lower case").isFalse();
    }
}
