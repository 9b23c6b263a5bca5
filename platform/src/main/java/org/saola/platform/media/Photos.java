package org.saola.platform.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.saola.platform.InvalidInputException;

/**
 * A resident's photo made safe to keep and show: only JPEG and PNG are taken (what phones' browsers send),
 * at most {@link #MAX_BYTES}; the pixels are decoded and encoded again as a new JPEG, so nothing of the
 * original file survives: no EXIF, no GPS position, no camera serial, no hidden payload. The EXIF orientation
 * is applied first, so the picture stands the way it was taken. Large pictures are scaled down to
 * {@link #MAX_SIDE} pixels (a slow connection downloads them), and a thumbnail is made.
 */
public final class Photos {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_SIDE = 1600;
    static final int THUMBNAIL_SIDE = 320;

    /** A photo as kept: the picture and its thumbnail, both fresh JPEGs. */
    public record Processed(byte[] jpeg, byte[] thumbnail, int width, int height) {
    }

    private Photos() {
    }

    public static Processed process(byte[] original) {
        if (original == null || original.length == 0) {
            throw new InvalidInputException("media", "the photo is empty");
        }
        if (original.length > MAX_BYTES) {
            throw new InvalidInputException("media", "a photo has at most " + MAX_BYTES / 1024 / 1024 + " MB; this one has "
                    + original.length / 1024 / 1024 + " MB");
        }
        boolean jpeg = original.length > 3 && (original[0] & 0xff) == 0xff && (original[1] & 0xff) == 0xd8;
        boolean png = original.length > 8 && (original[0] & 0xff) == 0x89 && original[1] == 'P' && original[2] == 'N'
                && original[3] == 'G';
        if (!jpeg && !png) {
            throw new InvalidInputException("media", "a photo is a JPEG or PNG picture");
        }
        BufferedImage image = decode(original);
        BufferedImage upright = orient(image, jpeg ? exifOrientation(original) : 1);
        BufferedImage full = scale(upright, MAX_SIDE);
        // The thumbnail from the scaled picture, not the original: scaling a phone's 12 megapixels twice cost more
        // than decoding them (bench "reports").
        return new Processed(encode(full), encode(scale(full, THUMBNAIL_SIDE)), full.getWidth(), full.getHeight());
    }

    /**
     * Decodes the picture, its size read from the header first: a small file can claim a huge picture (a
     * "decompression bomb"), which must be refused before its pixels take the memory.
     */
    private static BufferedImage decode(byte[] original) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("media", "the photo could not be read as a picture");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels < 1) {
                    throw new InvalidInputException("media", "the photo could not be read as a picture");
                }
                if (pixels > 60_000_000L) {
                    throw new InvalidInputException("media", "the photo has too many pixels (at most 60 megapixels)");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("media", "the photo could not be read as a picture");
        }
    }

    private static BufferedImage scale(BufferedImage source, int maxSide) {
        double factor = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);           // a transparent PNG on white, as JPEG has no alpha
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.82f);
            writer.write(null, new IIOImage(image, null, null), param);     // no metadata written
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Turns the pixels the way EXIF orientation 1-8 says the camera was held. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> t = new AffineTransform(0, 1, 1, 0, 0, 0);            // transpose
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> t = new AffineTransform(0, -1, -1, 0, h, w);          // transverse
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The orientation tag (0x0112) of a JPEG's EXIF block (APP1 "Exif\0\0", a TIFF header, IFD0), or 1 when
     * there is none. Reads only what it needs, bounds-checked: a broken block means "as stored".
     */
    static int exifOrientation(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
                int marker = jpeg[i + 1] & 0xff;
                int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
                if (marker == 0xda) {
                    break;                                  // the image data: no EXIF after this
                }
                if (marker == 0xe1 && length > 16 && i + 2 + length <= jpeg.length
                        && new String(jpeg, i + 4, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    ByteBuffer tiff = ByteBuffer.wrap(jpeg, i + 10, length - 8).slice();
                    tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                    int ifd = tiff.getInt(4);
                    int entries = tiff.getShort(ifd) & 0xffff;
                    for (int e = 0; e < entries; e++) {
                        int at = ifd + 2 + e * 12;
                        if ((tiff.getShort(at) & 0xffff) == 0x0112) {
                            return tiff.getShort(at + 8) & 0xffff;
                        }
                    }
                    return 1;
                }
                i += 2 + length;
            }
        } catch (RuntimeException broken) {
            // an EXIF block that lies about its sizes: the picture as stored
        }
        return 1;
    }
}
