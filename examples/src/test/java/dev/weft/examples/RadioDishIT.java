package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The radio-dish example, run from the jar: one publisher and two listeners, each in its own JVM,
 * over tcp and over udp multicast on loopback; every listener gets exactly the groups it joined.
 */
@Timeout(120)
class RadioDishIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldFanOutEachGroupOnlyToTheListenersThatJoinedIt() throws Exception {
        try (ExampleProcess temp = listen("--join", "sensors.temp");
                ExampleProcess loadAndHum =
                        listen("--join", "sensors.load", "--join", "sensors.hum")) {
            String tempEp = temp.awaitLine("DISH bound to (tcp://\\S+)");
            String otherEp = loadAndHum.awaitLine("DISH bound to (tcp://\\S+)");
            try (ExampleProcess publisher =
                    ExampleProcess.start(
                            "radio-dish",
                            "publish",
                            "--connect",
                            tempEp,
                            "--connect",
                            otherEp,
                            "--group",
                            "sensors.temp",
                            "--group",
                            "sensors.load",
                            "--group",
                            "sensors.hum",
                            "--rate",
                            "50",
                            "--count",
                            "300")) {
                assertThat(temp.awaitExit(WAIT)).as("%s", temp.lines()).isZero();
                assertThat(loadAndHum.awaitExit(WAIT)).as("%s", loadAndHum.lines()).isZero();
                assertThat(publisher.awaitExit(WAIT)).as("%s", publisher.lines()).isZero();
                assertThat(publisher.lines())
                        .anyMatch(l -> l.matches("radio-dish publish: [0-9,]+ msgs .*peers.*"))
                        .contains(
                                "radio-dish publish: 50 reading(s)/s into each of"
                                        + " [sensors.temp, sensors.load, sensors.hum]")
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "radio-dish publish: sent 900 reading\\(s\\) into"
                                                        + " 3 group\\(s\\); dropped .*"));
            }
            assertThat(readings(temp)).hasSize(40).allMatch(l -> l.startsWith("sensors.temp "));
            assertThat(readings(loadAndHum))
                    .hasSize(40)
                    .allMatch(l -> l.startsWith("sensors.load ") || l.startsWith("sensors.hum "))
                    .anyMatch(l -> l.startsWith("sensors.load "))
                    .anyMatch(l -> l.startsWith("sensors.hum "));
            assertThat(temp.lines())
                    .anyMatch(l -> l.matches("radio-dish listen: 40 msgs .* sensors.temp 40 .*"))
                    .anyMatch(
                            l ->
                                    l.matches(
                                            "radio-dish listen: received 40 reading\\(s\\):"
                                                    + " sensors.temp 40 \\(lost \\d+\\)"));
            assertThat(loadAndHum.lines())
                    .anyMatch(l -> l.matches("radio-dish listen: 40 msgs .*"))
                    .noneMatch(l -> l.contains("sensors.temp"));
        }
    }

    @Test
    void shouldFanOutOverUdpMulticastOnLoopbackToListenersSharingTheGroupsPort() throws Exception {
        // An organisation-local group (RFC 2365) of its own per run, so parallel runs do not meet;
        // naming the loopback interface keeps the datagrams on this host.
        String group =
                "239.255."
                        + ThreadLocalRandom.current().nextInt(1, 255)
                        + "."
                        + ThreadLocalRandom.current().nextInt(1, 255);
        try (ExampleProcess temp =
                listenOn("udp://127.0.0.1;" + group + ":*", "--join", "sensors.temp")) {
            String port = temp.awaitLine("DISH bound to udp://\\S+:(\\d+)");
            String endpoint = "udp://127.0.0.1;" + group + ":" + port;
            try (ExampleProcess load = listenOn(endpoint, "--join", "sensors.load")) {
                load.awaitLine("DISH bound to (udp://\\S+)");
                try (ExampleProcess publisher =
                        ExampleProcess.start(
                                "radio-dish",
                                "publish",
                                "--connect",
                                endpoint,
                                "--rate",
                                "50",
                                "--duration",
                                "PT40S")) {
                    assertThat(temp.awaitExit(WAIT)).as("%s", temp.lines()).isZero();
                    assertThat(load.awaitExit(WAIT)).as("%s", load.lines()).isZero();
                    assertThat(publisher.stop()).isIn(0, 143);
                }
                assertThat(readings(temp)).hasSize(40).allMatch(l -> l.startsWith("sensors.temp "));
                assertThat(readings(load)).hasSize(40).allMatch(l -> l.startsWith("sensors.load "));
                assertThat(load.lines())
                        .anyMatch(
                                l -> l.matches("radio-dish listen: 40 msgs .* sensors.load 40 .*"));
            }
        }
    }

    @Test
    void shouldSayWhichArgumentIsWrongAndWhatIsAllowed() throws Exception {
        try (ExampleProcess publisher =
                ExampleProcess.start(
                        "radio-dish", "publish", "--connect", "tcp://127.0.0.1:5", "--rate", "0")) {
            assertThat(publisher.awaitExit(WAIT)).isEqualTo(2);
            assertThat(publisher.lines())
                    .contains("weft-examples radio-dish publish: --rate 0 (expected: 1..1000000)");
        }
        String longGroup = "g".repeat(256);
        try (ExampleProcess listener =
                ExampleProcess.start(
                        "radio-dish",
                        "listen",
                        "--bind",
                        "tcp://127.0.0.1:*",
                        "--join",
                        longGroup)) {
            assertThat(listener.awaitExit(WAIT)).isEqualTo(2);
            assertThat(listener.lines())
                    .contains(
                            "weft-examples radio-dish listen: --join '"
                                    + longGroup
                                    + "': 256 octets (expected: 1..255 octets of UTF-8)");
        }
    }

    private static ExampleProcess listen(String... joins) throws Exception {
        return listenOn("tcp://127.0.0.1:*", joins);
    }

    private static ExampleProcess listenOn(String endpoint, String... joins) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "radio-dish",
                                "listen",
                                "--bind",
                                endpoint,
                                "--count",
                                "40",
                                "--print"));
        args.addAll(List.of(joins));
        return ExampleProcess.start(args.toArray(String[]::new));
    }

    /** The readings a listener printed with --print: lines of {@code <group> seq=...}. */
    private static List<String> readings(ExampleProcess listener) {
        return listener.lines().stream().filter(l -> l.matches("\\S+ seq=\\d+ value=.*")).toList();
    }
}
