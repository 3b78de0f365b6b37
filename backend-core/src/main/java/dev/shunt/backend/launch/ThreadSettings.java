package dev.shunt.backend.launch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The PyTorch thread counts a server starts its engine with, and why. A count the user gave as a
 * system property ({@code -Dai.djl.pytorch.num_threads=N}, {@code -Dai.djl.pytorch.num_interop_threads=N})
 * wins over what the server would choose from its flags and the machine. A pure function of the
 * properties passed in; {@link DjlRuntime#configure} applies the result.
 *
 * @param intraOp threads PyTorch may use inside one operation ({@code num_threads})
 * @param interOp threads PyTorch may run operations on in parallel ({@code num_interop_threads})
 * @param notes what the operator should know: which counts came from {@code -D} and what they replaced
 */
public record ThreadSettings(int intraOp, int interOp, List<String> notes) {

    /** The system property PyTorch reads its intra-op thread count from. */
    public static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    /** The system property PyTorch reads its inter-op thread count from. */
    public static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    public ThreadSettings {
        if (intraOp < 1) {
            throw new IllegalArgumentException("intraOp: " + intraOp + " (expected: > 0)");
        }
        if (interOp < 1) {
            throw new IllegalArgumentException("interOp: " + interOp + " (expected: > 0)");
        }
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }

    /**
     * Decides the counts.
     *
     * @param properties the system properties ({@code System::getProperty} in a server)
     * @param intraOp the server's own choice of intra-op threads (its flag, or its default)
     * @param interOp the server's own choice of inter-op threads
     * @throws IllegalArgumentException when a count is not positive, or a property is not a positive integer
     */
    public static ThreadSettings decide(Function<String, String> properties, int intraOp, int interOp) {
        requireNonNull(properties, "properties");
        if (intraOp < 1) {
            throw new IllegalArgumentException("intraOpThreads: " + intraOp + " (expected: > 0)");
        }
        if (interOp < 1) {
            throw new IllegalArgumentException("interOpThreads: " + interOp + " (expected: > 0)");
        }
        List<String> notes = new ArrayList<>(2);
        int intra = pick(properties, INTRA_OP_PROPERTY, intraOp, notes);
        int inter = pick(properties, INTER_OP_PROPERTY, interOp, notes);
        return new ThreadSettings(intra, inter, notes);
    }

    /**
     * The intra-op count the user gave with {@code -Dai.djl.pytorch.num_threads}, if any; a server
     * that sizes itself from its thread count (the CPU server's workers) reads it before sizing.
     *
     * @throws IllegalArgumentException when the property is set but is not a positive integer
     */
    public static OptionalInt userIntraOp(Function<String, String> properties) {
        return user(requireNonNull(properties, "properties"), INTRA_OP_PROPERTY);
    }

    private static int pick(Function<String, String> properties, String property, int chosen, List<String> notes) {
        OptionalInt given = user(properties, property);
        if (given.isEmpty()) {
            return chosen;
        }
        int value = given.getAsInt();
        notes.add("-D" + property + "=" + value + " given"
                + (value == chosen ? "" : ": it wins over the server's choice of " + chosen));
        return value;
    }

    private static OptionalInt user(Function<String, String> properties, String property) {
        String text = properties.apply(property);
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new IllegalArgumentException("-D" + property + ": \"" + text + "\" (expected: an integer > 0)");
    }
}
