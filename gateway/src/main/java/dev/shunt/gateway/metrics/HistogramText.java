package dev.shunt.gateway.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram as text that travels in JSON between replicas: HdrHistogram's compressed form,
 * Base64-encoded. Histograms read back merge exactly with the receiver's own.
 */
public final class HistogramText {

    private HistogramText() {}

    /** The histogram, compressed and Base64-encoded. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @param minBarForHighestTrackableValue as HdrHistogram's decoder takes it
     * @throws IllegalArgumentException {@code "not an encoded histogram (...)"} when it is not one
     */
    public static Histogram decode(String text, long minBarForHighestTrackableValue) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)),
                    minBarForHighestTrackableValue);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram (" + e.getMessage() + ")");
        }
    }
}
