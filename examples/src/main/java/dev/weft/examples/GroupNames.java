package dev.weft.examples;

import dev.weft.core.Message;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the RADIO/DISH group names given on a command line, before any socket exists. */
final class GroupNames {
    private GroupNames() {}

    /**
     * Checks that each group is 1 to 255 octets of UTF-8 and given once.
     *
     * @param option the option the groups came from, such as {@code --join}
     * @param groups the groups, in the order given
     * @throws IllegalArgumentException naming the first bad group and what is allowed
     */
    static void check(String option, List<String> groups) {
        Set<String> seen = new HashSet<>();
        for (String g : groups) {
            int octets = g.getBytes(StandardCharsets.UTF_8).length;
            if (octets == 0 || octets > Message.MAX_GROUP_OCTETS) {
                throw new IllegalArgumentException(
                        option
                                + " '"
                                + g
                                + "': "
                                + octets
                                + " octets (expected: 1.."
                                + Message.MAX_GROUP_OCTETS
                                + " octets of UTF-8)");
            }
            if (!seen.add(g)) {
                throw new IllegalArgumentException(
                        option + " '" + g + "': given twice (expected: each group once)");
            }
        }
    }
}
