package org.saola.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Photos made safe: no metadata survives, the picture stands upright, large ones shrink, non-pictures are refused. */
class PhotosTest {

    private static byte[] jpeg(int w, int h, int orientation, String secret) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics g = image.getGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 20, 20);                                // a red square in the top-left corner, to follow
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", plain);
        byte[] body = plain.toByteArray();
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        app1.writeBytes(tiff);
        app1.writeBytes(secret.getBytes(StandardCharsets.US_ASCII));
        int length = app1.size() + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.writeBytes(app1.toByteArray());
        out.write(body, 2, body.length - 2);
        return out.toByteArray();
    }

    @Test
    void readsTheOrientationOfBigEndianExifToo() throws Exception {
        assertThat(Photos.exifOrientation(jpeg(8, 4, 6, ""))).isEqualTo(6);
        assertThat(Photos.exifOrientation(jpeg(8, 4, 3, ""))).isEqualTo(3);
        BufferedImage plain = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(plain, "jpeg", out);
        assertThat(Photos.exifOrientation(out.toByteArray())).isEqualTo(1);
    }

    @Test
    void keepsNoMetadataAndTurnsThePictureUpright() throws Exception {
        Photos.Processed p = Photos.process(jpeg(300, 200, 6, "GPS 16.0544N serial 42"));
        String text = new String(p.jpeg(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain("GPS").doesNotContain("serial");
        assertThat(p.width()).isEqualTo(200);
        assertThat(p.height()).isEqualTo(300);
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(p.jpeg()));
        // Orientation 6 (the camera turned clockwise): the top-left corner ends top-right.
        assertThat((upright.getRGB(190, 10) >> 16) & 0xff).isGreaterThan(200);
        assertThat((upright.getRGB(10, 10) >> 16) & 0xff).isLessThan(50);
    }

    @Test
    void everyOrientationGivesAPictureOfTheRightShape() {
        BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int o = 1; o <= 8; o++) {
            BufferedImage turned = Photos.orient(image, o);
            assertThat(turned.getWidth()).as("orientation %d", o).isEqualTo(o >= 5 ? 20 : 30);
        }
    }

    @Test
    void shrinksLargePicturesAndMakesAThumbnail() throws Exception {
        Photos.Processed p = Photos.process(jpeg(4000, 3000, 1, ""));
        assertThat(Math.max(p.width(), p.height())).isEqualTo(1600);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(p.thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
    }

    @Test
    void refusesAPictureClaimingTooManyPixelsBeforeDecodingIt() throws Exception {
        // A few dozen bytes whose header claims 100 000 × 100 000 pixels (tens of gigabytes once decoded).
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        png.writeBytes(ihdr.array());
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThatThrownBy(() -> Photos.process(png.toByteArray())).hasMessageContaining("too many pixels");
    }

    @Test
    void refusesWhatIsNotAPicture() {
        assertThatThrownBy(() -> Photos.process("<?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("JPEG or PNG");
        byte[] truncated = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};
        assertThatThrownBy(() -> Photos.process(truncated)).hasMessageContaining("could not be read");
        assertThatThrownBy(() -> Photos.process(new byte[0])).hasMessageContaining("empty");
    }
}
