package org.saola.platform.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * Photos as files under a directory given by each module (reports: {@code saola.reports.photo-dir})/{tenant}/{id}.jpg (and {@code -thumb.jpg}): written to
 * a temporary file, forced to disk, then moved into place, so a crash never leaves half a photo.
 */
public class FilePhotoStore implements PhotoStore {

    private final Path root;

    public FilePhotoStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(TenantId tenant, UUID photo, Photos.Processed processed) {
        write(file(tenant, photo, false), processed.jpeg());
        write(file(tenant, photo, true), processed.thumbnail());
    }

    @Override
    public Optional<byte[]> get(TenantId tenant, UUID photo, boolean thumbnail) {
        try {
            return Optional.of(Files.readAllBytes(file(tenant, photo, thumbnail)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(TenantId tenant, UUID photo) {
        try {
            Files.deleteIfExists(file(tenant, photo, false));
            Files.deleteIfExists(file(tenant, photo, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(TenantId tenant, UUID photo, boolean thumbnail) {
        return root.resolve(tenant.value()).resolve(photo + (thumbnail ? "-thumb.jpg" : ".jpg"));
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("a photo could not be kept in " + target.getParent(), e);
        }
    }
}
