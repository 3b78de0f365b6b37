package dev.shunt.backend.schedule;

import java.util.List;

/** A taker that forwards every call, for tests that watch one of them. */
class ForwardingTaker implements JobTaker {

    private final JobTaker delegate;

    ForwardingTaker(JobTaker delegate) {
        this.delegate = delegate;
    }

    @Override
    public int capacity() {
        return delegate.capacity();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public boolean offer(InferenceJob job) {
        return delegate.offer(job);
    }

    @Override
    public List<InferenceJob> expire(long nowNanos) {
        return delegate.expire(nowNanos);
    }

    @Override
    public long nextDeadline() {
        return delegate.nextDeadline();
    }

    @Override
    public Take next(long nowNanos) {
        return delegate.next(nowNanos);
    }

    @Override
    public Take flush() {
        return delegate.flush();
    }

    @Override
    public List<InferenceJob> drain() {
        return delegate.drain();
    }
}
