package org.rampe.images;

/** The fuzz test's crafted files, for the tests of other packages (HostileInputTest). */
public final class ImageFuzzTestFiles {

    private ImageFuzzTestFiles() {
    }

    /** A grey PNG of the declared size whose pixel data is all zeros: tiny on disk, huge once inflated. */
    public static byte[] pngBomb(int width, int height) {
        return ImageFuzzTest.pngBomb(width, height);
    }
}
