package org.rampe.site;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for costly work that must not slow what members are waiting for: on Linux each runs at
 * the lowest CPU priority (nice {@value #NICE}, set for the thread alone with {@code setpriority},
 * called through the Foreign Function API), so that the scheduler gives the cores to the request
 * and STOMP threads whenever they have work and to these only when they are idle. A crowd signing
 * in then waits a little longer for its Argon2 checks, and the chat does not wait at all for them
 * (issue 17: one hash at normal priority took the chat's p99 from 53 ms to 300 ms on two cores).
 * Elsewhere, or if the call fails, the threads run at normal priority and the log says so once.
 *
 * <p>Raising a thread's nice value needs no privilege; lowering it back would, so these threads
 * are never given other work.
 */
public final class BackgroundThreads implements ThreadFactory {

    /** The lowest priority Linux has (19); such a thread gets about 1.5 % of a core that a normal one wants. */
    static final int NICE = 19;

    private static final Logger log = LoggerFactory.getLogger(BackgroundThreads.class);
    private static final Niceness NICENESS = Niceness.find();

    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    /** Threads named {@code name-1}, {@code name-2}… (places.ImportJobs runs imports on one). */
    public BackgroundThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(() -> {
            NICENESS.lowerThisThread();
            work.run();
        }, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The calling thread's nice value ({@link #NICE} on a background thread on Linux; 0 where it cannot be read). */
    static int niceOfThisThread() {
        return NICENESS.ofThisThread();
    }

    /** {@code gettid()} and {@code setpriority(PRIO_PROCESS, tid, nice)} from the C library, when there are both. */
    private record Niceness(MethodHandle gettid, MethodHandle setpriority, MethodHandle getpriority) {

        private static final int PRIO_PROCESS = 0;
        private static final AtomicBoolean TOLD = new AtomicBoolean();

        static Niceness find() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return new Niceness(null, null, null);
            }
            try {
                Linker linker = Linker.nativeLinker();
                var c = linker.defaultLookup();
                MethodHandle gettid = linker.downcallHandle(c.find("gettid").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT));
                MethodHandle setpriority = linker.downcallHandle(c.find("setpriority").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                MethodHandle getpriority = linker.downcallHandle(c.find("getpriority").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return new Niceness(gettid, setpriority, getpriority);
            } catch (RuntimeException | LinkageError e) {
                log.warn("Background work runs at normal CPU priority: the C library's setpriority is out of reach ({})", e.toString());
                return new Niceness(null, null, null);
            }
        }

        void lowerThisThread() {
            if (setpriority == null) {
                return;
            }
            try {
                int tid = (int) gettid.invokeExact();
                int result = (int) setpriority.invokeExact(PRIO_PROCESS, tid, NICE);
                if (result != 0 && TOLD.compareAndSet(false, true)) {
                    log.warn("Background work runs at normal CPU priority: setpriority answered {}", result);
                }
            } catch (Throwable e) {
                if (TOLD.compareAndSet(false, true)) {
                    log.warn("Background work runs at normal CPU priority: {}", e.toString());
                }
            }
        }

        int ofThisThread() {
            if (getpriority == null) {
                return 0;
            }
            try {
                int tid = (int) gettid.invokeExact();
                return (int) getpriority.invokeExact(PRIO_PROCESS, tid);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
