package dev.shunt.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void plainJsonOrNothingAreFine() {
        assertThat(LogFormat.problem(null)).isEmpty();
        assertThat(LogFormat.problem("plain")).isEmpty();
        assertThat(LogFormat.problem("json")).isEmpty();
    }

    @Test
    void anythingElseIsNamed() {
        assertThat(LogFormat.problem("JSON")).contains("SHUNT_LOG_FORMAT: \"JSON\" (expected: plain or json)");
    }
}
