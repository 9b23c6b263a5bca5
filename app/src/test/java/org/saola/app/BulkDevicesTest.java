package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Devices registered from a CSV file: each row stands alone, bad rows are reported by line and field. */
class BulkDevicesTest extends PlatformTest {

    @Test
    void goodRowsAreRegisteredAndEachBadRowIsNamedByLineAndField() {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String csv = """
                id,name,profile,latitude,longitude,owner_organisation,purpose,personal_data,legal_basis
                bin-%1$s-1,"Thùng rác, chợ Hàn",waste-container,16.068,108.224,Green Bins JSC,collection rounds,,
                bin-%1$s-2,Thùng rác 2,waste-container,north,108.224,Green Bins JSC,collection rounds,,
                bin-%1$s-3,Thùng rác 3,teleporter,16.07,108.22,Green Bins JSC,collection rounds,,
                meter-%1$s-1,Đồng hồ 1,water-meter,16.07,108.22,Dawaco,meter reading,household use,
                bin-%1$s-1,Again,waste-container,16.07,108.22,Green Bins JSC,collection rounds,,
                meter-%1$s-2,Đồng hồ 2,water-meter,16.07,108.22,Dawaco,meter reading,household use,supply contract
                """.formatted(s);
        SaolaClient.Response r = client().send("POST", "/api/v1/devices/bulk", csv, "Content-Type", "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode out = r.json();
        assertThat(out.get("created").asInt()).isEqualTo(2);
        assertThat(out.get("refused").asInt()).isEqualTo(4);
        JsonNode rows = out.get("rows");
        assertThat(rows.get(0).get("outcome").asString()).isEqualTo("created");
        assertThat(rows.get(0).at("/mqtt/secret").asString()).hasSizeGreaterThan(10);
        assertThat(rows.get(1).get("row").asInt()).isEqualTo(3);
        assertThat(rows.get(1).get("field").asString()).isEqualTo("latitude");
        assertThat(rows.get(2).get("field").asString()).isEqualTo("profile");
        assertThat(rows.get(3).get("field").asString()).isEqualTo("legalBasis");
        assertThat(rows.get(4).get("detail").asString()).contains("exists already");
        assertThat(rows.get(5).get("outcome").asString()).isEqualTo("created");

        assertThat(client().get("/api/v1/devices/bin-" + s + "-1").json().get("name").asString()).isEqualTo("Thùng rác, chợ Hàn");
        assertThat(client().get("/api/v1/devices/bin-" + s + "-2").status()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNotADeviceListIsRefusedWhole() {
        SaolaClient.Response unknown = client().send("POST", "/api/v1/devices/bulk", "id,colour\nx,red\n", "Content-Type", "text/csv");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("unknown column 'colour'");
        SaolaClient.Response missing = client().send("POST", "/api/v1/devices/bulk", "id,name\nx,y\n", "Content-Type", "text/csv");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("'profile' is missing");
        SaolaClient analyst = client().withApiKey(client().issueApiKey("analyst", "ANALYST"));
        assertThat(analyst.send("POST", "/api/v1/devices/bulk", "id\n", "Content-Type", "text/csv").status()).isEqualTo(403);
    }
}
