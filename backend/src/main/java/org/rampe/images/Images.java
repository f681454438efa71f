package org.rampe.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded file into a clean JPEG, or says why it cannot. The file's name and declared
 * type are ignored: only a JPEG, PNG or GIF reader of ImageIO recognising the bytes lets it in.
 * Dimensions are read from the header before any pixel is decoded, so a small file claiming a
 * huge picture (a decompression bomb) is refused cheaply. Re-encoding writes pixels only: EXIF
 * (with its GPS position), XMP, comments and every other metadata block are left behind.
 */
public final class Images {

    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_SIDE = 2048;
    static final float QUALITY = 0.85f;
    private static final Set<String> ACCEPTED = Set.of("jpeg", "png", "gif");

    private Images() {
    }

    /** A cleaned photo: JPEG bytes and their dimensions. */
    public record Cleaned(byte[] jpeg, int width, int height) {
    }

    /** Why a file was refused; {@code code} is a message key. */
    public static final class Refused extends Exception {
        private final String code;

        Refused(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static Cleaned clean(byte[] upload) throws Refused {
        return clean(upload, MAX_SIDE);
    }

    /** As {@link #clean(byte[])}, no more than {@code maxSide} pixels on the long side (avatars are small). */
    public static Cleaned clean(byte[] upload, int maxSide) throws Refused {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            ImageReader reader = acceptedReader(in).orElseThrow(() -> new Refused(isWebp(upload) ? "photo.file.webp" : "photo.file.notImage"));
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new Refused("photo.file.notImage");
                }
                if (width * height > MAX_PIXELS) {
                    throw new Refused("photo.file.tooManyPixels");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Large pictures are decimated while decoding, so memory stays near the output size.
                int step = (int) Math.max(1, Math.max(width, height) / maxSide);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage decoded = reader.read(0, param);
                return encode(flattenAndFit(decoded, maxSide));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Truncated or corrupt data, or a variant ImageIO cannot decode (CMYK JPEG, for one).
            throw new Refused("photo.file.notImage");
        }
    }

    private static java.util.Optional<ImageReader> acceptedReader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format;
            try {
                format = reader.getFormatName().toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                continue;
            }
            if (ACCEPTED.contains(format)) {
                return java.util.Optional.of(reader);
            }
            reader.dispose();
        }
        return java.util.Optional.empty();
    }

    /** RIFF....WEBP: recognised only to tell the member why it is refused. */
    static boolean isWebp(byte[] bytes) {
        return bytes.length >= 12
                && Arrays.equals(bytes, 0, 4, "RIFF".getBytes(StandardCharsets.US_ASCII), 0, 4)
                && Arrays.equals(bytes, 8, 12, "WEBP".getBytes(StandardCharsets.US_ASCII), 0, 4);
    }

    /** Onto an opaque white RGB canvas, no more than {@code maxSide} on the long side. */
    static BufferedImage flattenAndFit(BufferedImage source, int maxSide) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        // Halving steps before the last resize keep bilinear scaling from dropping whole pixels.
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return draw(current, targetW, targetH);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static Cleaned encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            // No metadata passed: the writer adds its own JFIF header and nothing else.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Cleaned(bytes.toByteArray(), image.getWidth(), image.getHeight());
    }
}
