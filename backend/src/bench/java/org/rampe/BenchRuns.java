package org.rampe;

/** What the latency benchmarks share: how many requests they measure, how many run unmeasured first. */
public final class BenchRuns {

    /** Measured requests per row. */
    public static final int QUERIES = Integer.getInteger("bench.queries", 1_000);
    /**
     * Unmeasured requests before each measured row. The targets are for a running instance: with
     * 200 the JIT was still compiling the database's and the request path's code (on 2 cores, on
     * the measured requests' cores) while the 1,000 measured ones ran, and p95 measured that
     * (docs/benchmarks.md). 3,000 reach the steady state; {@code -Dbench.warmup=200} shows a cold one.
     */
    public static final int WARM_UP = Integer.getInteger("bench.warmup", 3_000);
    /** Keep the generated data under {@code target/bench-data} after the run, and reuse it on the next. */
    public static final boolean KEEP = Boolean.getBoolean("bench.keep");

    private BenchRuns() {
    }
}
