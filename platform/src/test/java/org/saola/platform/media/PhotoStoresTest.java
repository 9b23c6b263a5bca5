package org.saola.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;

/** Files by default; with an endpoint, objects under each area's own prefix; a setting that cannot work refused at start. */
class PhotoStoresTest {

    private static PhotoStores stores(String endpoint, String bucket, String key, String secret) {
        return new PhotoStores(endpoint, bucket, "us-east-1", key, secret, InstantSource.system());
    }

    @Test
    void filesWithoutAnEndpointObjectsUnderEachAreasPrefixWithOne() {
        assertThat(stores("", "", "", "").of("reports", Path.of("/tmp/photos"))).isInstanceOf(FilePhotoStore.class);
        PhotoStore participation = stores("https://s3.example.vn/", "city-photos", "saola", "secret")
                .of("participation", Path.of("/tmp/unused"));
        assertThat(participation).isInstanceOf(S3PhotoStore.class);
        UUID photo = UUID.fromString("7b0e6c1e-8d1f-4a59-9d7c-2f3c1b7a9e10");
        assertThat(((S3PhotoStore) participation).key(TenantId.of("hue"), photo, true))
                .isEqualTo("/city-photos/participation/hue/7b0e6c1e-8d1f-4a59-9d7c-2f3c1b7a9e10-thumb.jpg");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatToFix() {
        assertThatThrownBy(() -> stores("s3.example.vn", "city-photos", "k", "s")).hasMessageContaining("saola.media.s3.endpoint");
        assertThatThrownBy(() -> stores("https://s3.example.vn/photos", "city-photos", "k", "s")).hasMessageContaining("without a path");
        assertThatThrownBy(() -> stores("https://s3.example.vn", "City_Photos", "k", "s")).hasMessageContaining("saola.media.s3.bucket");
        assertThatThrownBy(() -> stores("https://s3.example.vn", "city-photos", "", "")).hasMessageContaining("access-key and secret-key");
    }
}
