package org.saola.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;

/** Photos stored before their recording are all there, or none: what was stored is removed when the rest fails. */
class StoredPhotosTest {

    /** A store that keeps photos in memory and refuses the n-th one it is given. */
    static final class Store implements PhotoStore {
        final Map<UUID, Photos.Processed> kept = new HashMap<>();
        final int refuse;
        int puts;

        Store(int refuse) {
            this.refuse = refuse;
        }

        @Override
        public void put(TenantId tenant, UUID photo, Photos.Processed processed) {
            if (++puts == refuse) {
                throw new UncheckedIOException(new java.io.IOException("the store is full"));
            }
            kept.put(photo, processed);
        }

        @Override
        public Optional<byte[]> get(TenantId tenant, UUID photo, boolean thumbnail) {
            return Optional.ofNullable(kept.get(photo)).map(p -> thumbnail ? p.thumbnail() : p.jpeg());
        }

        @Override
        public void delete(TenantId tenant, UUID photo) {
            kept.remove(photo);
        }
    }

    private static byte[] jpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    @Test
    void everyPhotoIsStoredOrNoneIsLeftBehind() throws Exception {
        TenantId tenant = TenantId.of("default");
        Store fine = new Store(0);
        List<StoredPhotos.Stored> stored = StoredPhotos.put(fine, tenant, List.of(jpeg(), jpeg()));
        assertThat(stored).hasSize(2);
        assertThat(fine.kept.keySet()).containsExactlyInAnyOrderElementsOf(StoredPhotos.ids(stored));
        assertThat(stored.get(0).photo().width()).isEqualTo(64);

        // The recording that followed failed: the photos go again.
        StoredPhotos.forget(fine, tenant, stored);
        assertThat(fine.kept).isEmpty();

        // The store refuses the third of three: the two it took are removed, and the filing fails.
        Store full = new Store(3);
        assertThatThrownBy(() -> StoredPhotos.put(full, tenant, List.of(jpeg(), jpeg(), jpeg()))).hasMessageContaining("full");
        assertThat(full.kept).isEmpty();
    }
}
