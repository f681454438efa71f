package org.rampe.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/**
 * Issue 17: the image decoder against malformed files. Truncated, corrupted, lying about their
 * size, of the wrong type or compressed like a bomb: each is refused with a message key (never an
 * exception that becomes a 500), and decoding one allocates a bounded amount of memory.
 */
class ImageFuzzTest {

    /** The most one refused or decoded file may allocate (a 2048-pixel output and its buffers fit well under it). */
    private static final long MAX_ALLOCATION = 192L * 1024 * 1024;

    private static long allocatedBy(ThrowingRunnable work) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Cleans the bytes; returns the refusal's code, or "ok" for an accepted image. Any other outcome fails. */
    private static String outcome(byte[] bytes) {
        try {
            Images.Cleaned cleaned = Images.clean(bytes);
            assertThat(cleaned.width()).isBetween(1, Images.MAX_SIDE);
            assertThat(cleaned.height()).isBetween(1, Images.MAX_SIDE);
            return "ok";
        } catch (Images.Refused refused) {
            return refused.code();
        }
    }

    static byte[] chunk(String type, byte[] data) {
        var buffer = ByteBuffer.allocate(12 + data.length);
        buffer.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        var crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** A grey PNG of the declared size whose pixel data is all zeros: tiny on disk, huge once inflated. */
    static byte[] pngBomb(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array()));
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] row = new byte[width + 1]; // filter byte + one grey byte per pixel
        var compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        out.writeBytes(chunk("IDAT", compressed.toByteArray()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A GIF header declaring a logical screen and one image of this size, with almost no data. */
    static byte[] gifClaiming(int width, int height) {
        var b = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height).put((byte) 0);
        b.put((byte) 2).put((byte) 1).put((byte) 0x44).put((byte) 0).put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A JPEG whose frame header (SOF0) declares another size than its data holds. */
    static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = TestImages.jpeg(16, 16).clone();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new AssertionError("no SOF0 in the test JPEG");
    }

    @Test
    void malformedFilesAreRefusedWithAReasonInBoundedMemory() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] png = TestImages.png(300, 200);
        byte[] jpeg = TestImages.jpeg(300, 200);
        files.put("empty", new byte[0]);
        files.put("one byte", new byte[] {(byte) 0xFF});
        files.put("PNG signature only", Arrays.copyOf(png, 8));
        files.put("PNG cut after its header", Arrays.copyOf(png, 33));
        files.put("PNG cut in its data", Arrays.copyOf(png, png.length / 2));
        files.put("JPEG start of image only", new byte[] {(byte) 0xFF, (byte) 0xD8});
        files.put("JPEG cut after its headers", Arrays.copyOf(jpeg, 200));
        files.put("PNG declaring 100000 × 100000", TestImages.pngHeaderOnly(100_000, 100_000));
        files.put("PNG declaring 2^31-1 × 2^31-1", TestImages.pngHeaderOnly(Integer.MAX_VALUE, Integer.MAX_VALUE));
        files.put("PNG declaring 0 × 0", TestImages.pngHeaderOnly(0, 0));
        files.put("PNG bomb of 8000 × 8000 zeros", pngBomb(8_000, 8_000));
        files.put("GIF declaring 65535 × 65535", gifClaiming(65_535, 65_535));
        files.put("JPEG declaring 65535 × 65535", jpegClaiming(65_535, 65_535));
        files.put("JPEG declaring 0 × 16", jpegClaiming(0, 16));
        files.put("WebP", TestImages.webpHeader());
        files.put("SVG", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8));
        files.put("HTML", "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        files.put("PDF", "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII));
        files.put("ZIP", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
        files.put("BMP header", new byte[] {'B', 'M', 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0,
                (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 1, 0, 24, 0});
        var random = new Random(17);
        for (int i = 0; i < 20; i++) {
            byte[] flipped = (i % 2 == 0 ? png : jpeg).clone();
            for (int j = 0; j < 12; j++) {
                flipped[16 + random.nextInt(flipped.length - 16)] ^= (byte) (1 << random.nextInt(8));
            }
            files.put("flipped bits " + i, flipped);
        }
        List<String> problems = new ArrayList<>();
        for (var file : files.entrySet()) {
            String[] result = new String[1];
            long allocated = allocatedBy(() -> assertThatCode(() -> result[0] = outcome(file.getValue()))
                    .as(file.getKey()).doesNotThrowAnyException());
            if (allocated > MAX_ALLOCATION) {
                problems.add(file.getKey() + " allocated " + allocated / (1024 * 1024) + " MiB");
            }
            if (!file.getKey().startsWith("flipped") && !"ok".equals(result[0]) && !result[0].startsWith("photo.file.")) {
                problems.add(file.getKey() + " refused without a reason: " + result[0]);
            }
            if (!file.getKey().startsWith("flipped")) {
                assertThat(result[0]).as(file.getKey()).isNotEqualTo("ok");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void largeButHonestPicturesAreDecodedSubsampledInBoundedMemory() throws Exception {
        byte[] large = TestImages.jpeg(6000, 4000);
        long allocated = allocatedBy(() -> assertThat(Images.clean(large).width()).isEqualTo(Images.MAX_SIDE));
        assertThat(allocated).isLessThan(MAX_ALLOCATION);
        // Just under the pixel limit, 36 MB of zeros in a few kilobytes: decoded, not inflated whole.
        byte[] bomb = pngBomb(6_000, 6_000);
        assertThat(bomb.length).isLessThan(200_000);
        long bombAllocated = allocatedBy(() -> assertThat(Images.clean(bomb).width()).isEqualTo(Images.MAX_SIDE));
        assertThat(bombAllocated).isLessThan(MAX_ALLOCATION);
    }
}
