package dev.shunt.backend.gpu;

/** The listener of {@link BatchListener#noop()}. */
final class NoopBatchListener implements BatchListener {

    static final NoopBatchListener INSTANCE = new NoopBatchListener();

    private NoopBatchListener() {}
}
