package org.rampe.images;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/** Images built in code for the photo tests: no binary fixtures in the repository. */
public final class TestImages {

    public static final String GPS_MARKER = "RAMPE-SECRET-POSITION-48.8566N";

    private TestImages() {
    }

    /** A PNG whose left half is fully transparent and right half opaque blue. */
    public static byte[] png(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = width / 2; x < width; x++) {
                image.setRGB(x, y, Color.BLUE.getRGB());
            }
        }
        return write(image, "png");
    }

    public static byte[] jpeg(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return write(image, "jpeg");
    }

    /**
     * A JPEG carrying, right after SOI, an EXIF APP1 segment whose IFD0 points to a GPS IFD (with a
     * latitude reference and the marker string as GPS processing method), then a comment segment
     * also holding the marker.
     */
    public static byte[] jpegWithGpsExif(int width, int height) {
        byte[] plain = jpeg(width, height);
        byte[] marker = GPS_MARKER.getBytes(StandardCharsets.US_ASCII);
        // TIFF, big-endian: header (8) | IFD0: 1 entry (2 + 12 + 4) | GPS IFD: 2 entries (2 + 24 + 4) | marker data
        int ifd0 = 8;
        int gpsIfd = ifd0 + 2 + 12 + 4;
        int data = gpsIfd + 2 + 24 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(data + marker.length);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd); // GPSInfo, LONG
        tiff.putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0}); // GPSLatitudeRef
        tiff.putShort((short) 0x001B).putShort((short) 7).putInt(marker.length).putInt(data); // GPSProcessingMethod
        tiff.putInt(0);
        tiff.put(marker);
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        var out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        segment(out, 0xE1, concat(exifHeader, tiff.array()));
        segment(out, 0xFE, marker);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /**
     * A valid PNG header announcing width x height pixels, followed by a tiny IDAT: a reader that
     * decoded the pixels would fail on the missing data, one that reads the header does not.
     */
    public static byte[] pngHeaderOnly(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        var deflater = new Deflater();
        deflater.setInput(new byte[16]);
        deflater.finish();
        byte[] compressed = new byte[64];
        int n = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The RIFF/WEBP header: enough for the type to be recognised, not for a reader to decode. */
    public static byte[] webpHeader() {
        var b = ByteBuffer.allocate(30).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22)
                .put("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] write(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The markers of a JPEG's segments up to the start of scan, e.g. [0xE0, 0xDB, 0xC0, 0xC4, 0xDA]. */
    public static java.util.List<Integer> jpegSegments(byte[] jpeg) {
        var markers = new java.util.ArrayList<Integer>();
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("Not a JPEG");
        }
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("Broken segment at " + i);
            }
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            i += 2 + length;
        }
        return markers;
    }
}
