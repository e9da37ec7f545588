/**
 * JUnit 5 helpers for integration tests of Weft sockets and of anything that speaks ZMTP: a
 * scripted raw-ZMTP peer today, more pattern helpers later. Only {@code dev.weft.testkit} is API.
 */
module dev.weft.testkit {
    requires transitive dev.weft.patterns;
    requires static org.junit.jupiter.api;

    exports dev.weft.testkit;
}
