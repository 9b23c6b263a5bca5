package org.saola.platform.media;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which store keeps the photos of each area of Saola: files under the data directory by default, or an
 * S3-compatible object store for all of them when {@code saola.media.s3.endpoint} is set (docs/reports.md). A
 * city moving to a store copies the files to {@code {bucket}/{area}/…} first (the keys are the files' paths).
 */
@Component
public class PhotoStores {

    private final Optional<S3PhotoStore.Settings> s3;
    private final InstantSource clock;

    PhotoStores(@Value("${saola.media.s3.endpoint:}") String endpoint, @Value("${saola.media.s3.bucket:}") String bucket,
            @Value("${saola.media.s3.region:us-east-1}") String region, @Value("${saola.media.s3.access-key:}") String accessKey,
            @Value("${saola.media.s3.secret-key:}") String secretKey, InstantSource clock) {
        this.s3 = endpoint.isBlank() ? Optional.empty()
                : Optional.of(new S3PhotoStore.Settings(endpoint, bucket.strip(), region.strip(), accessKey.strip(), secretKey.strip()));
        this.clock = clock;
    }

    /** The store of one area's photos: {@code directory} when photos are kept as files. */
    public PhotoStore of(String area, Path directory) {
        return s3.<PhotoStore>map(settings -> new S3PhotoStore(settings, area, clock)).orElseGet(() -> new FilePhotoStore(directory));
    }
}
