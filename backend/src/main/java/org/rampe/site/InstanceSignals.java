package org.rampe.site;

/**
 * Word passed between the instances of one site, for what an instance keeps in memory and must
 * forget at once when another changes it (a suspension). A signal is a short string on a named
 * channel; it reaches this instance's listeners at once, in the caller's thread, and the other
 * instances' listeners through Redis's publish/subscribe when {@value SharedRedis#URL} is set.
 * Without Redis an instance with the embedded database is alone (nobody else to tell); one with a
 * database server may not be, so it is never {@link #live()}.
 *
 * <p>Publish/subscribe does not keep what it could not deliver: while an instance is cut from
 * Redis it may miss signals. It then says it is not {@link #live()}, so that what it keeps is read
 * again from the shared store instead of trusted, and on reconnecting it tells every listener
 * {@link Listener#mayHaveMissed()} so that they forget all they kept.
 */
public interface InstanceSignals {

    /** Tells every instance's listeners of {@code channel}, this one's first (before this returns). */
    void send(String channel, String message);

    /** Listens to {@code channel} for the life of the application. */
    void listen(String channel, Listener listener);

    /** Whether a signal sent by another instance would reach this one now. */
    boolean live();

    /** What an instance does with a signal. */
    interface Listener {

        /** A signal on the channel, from this instance or another. */
        void heard(String message);

        /** Signals may have been lost (the connection to the other instances was cut): forget everything kept. */
        void mayHaveMissed();
    }
}
