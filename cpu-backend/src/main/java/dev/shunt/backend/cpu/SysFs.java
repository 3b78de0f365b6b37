package dev.shunt.backend.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the small text files of {@code /proc} and {@code /sys}; a file that cannot be read is absent. */
final class SysFs {

    /** More than any file read here holds; a larger file is read only this far. */
    private static final int MAX_BYTES = 64 * 1024;

    private SysFs() {}

    /** The file's text, or empty when it is missing or unreadable. */
    static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Parses a whole decimal {@code long}, or returns null. */
    static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
