package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves that the JUnit which runs is the project's own (the active profile's), not the testkit's. */
class JUnitVersionTest {

    @Test
    void shouldRunOnTheProjectsJUnit() throws ClassNotFoundException {
        String expected = System.getProperty("expected.junit.version");
        Class<?> engine = Class.forName("org.junit.jupiter.engine.JupiterTestEngine");

        assertThat(expected).isNotBlank();
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        assertThat(engine.getPackage().getImplementationVersion()).isEqualTo(expected);
    }
}
