package dev.shunt.backend.launch;

import dev.shunt.vocabulary.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a flag's duration in the grammar every Shunt flag and config file shares
 * ({@link Durations}): {@code 250us}, {@code 5ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h} or
 * ISO-8601 ({@code PT2S}). A bare number is refused, with the accepted forms in the message.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final String WHAT = "duration";

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(WHAT, value);
        } catch (IllegalArgumentException e) {
            // picocli puts the option's name in front ("Invalid value for option '--x': ..."), so the
            // message starts at the value instead of repeating a generic name.
            String message = e.getMessage();
            throw new TypeConversionException(
                    message.startsWith(WHAT + ": ") ? message.substring(WHAT.length() + 2) : message);
        }
    }
}
